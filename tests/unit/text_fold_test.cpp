#include "core/text_fold.h"

#include <doctest/doctest.h>

TEST_CASE("folding lowers case and removes accents") {
    CHECK(core::fold_for_search("Été") == "ete");
    CHECK(core::fold_for_search("FACTURE d'ÉTÉ") == "facture d'ete");
    CHECK(core::fold_for_search("Ça où Noël") == "ca ou noel");
    CHECK(core::fold_for_search("ŒUVRE cœur Æ straße") == "oeuvre coeur ae strasse");
    CHECK(core::fold_for_search("Łódź Ñandú Čeština") == "lodz nandu cestina");
    CHECK(core::fold_for_search("#123") == "#123");
}

TEST_CASE("decomposed accents fold like composed ones") {
    CHECK(core::fold_for_search("e\xCC\x81te\xCC\x81") == "ete");
}

TEST_CASE("typographic apostrophes and no-break spaces fold to plain ones") {
    CHECK(core::fold_for_search("l’été") == "l'ete");
    CHECK(core::fold_for_search("a\u00a0b") == "a b");
}

TEST_CASE("other scripts are kept, capitals lowered where simple") {
    CHECK(core::fold_for_search("ПРИВЕТ") == "привет");
    CHECK(core::fold_for_search("ΣΟΦΙΑ") == "σοφια");
    CHECK(core::fold_for_search("مرحبا 😀") == "مرحبا 😀");
}

TEST_CASE("bytes that are not UTF-8 are dropped, not a crash") {
    CHECK(core::fold_for_search("a\xC3") == "a");
    CHECK(core::fold_for_search("a\xFF\xFE"
                                "b") == "ab");
    CHECK(core::fold_for_search("\xED\xA0\x80x") == "x"); // a UTF-16 surrogate
    CHECK(core::fold_for_search("\xC0\xAF") == "");       // an overlong '/'
}
