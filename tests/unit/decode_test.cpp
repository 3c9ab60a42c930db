#include "core/decode.h"

#include <doctest/doctest.h>

#include <string>

using core::DecodeError;

namespace {

// The published examples, byte for byte.
constexpr const char* k_list_example = R"([
  {
    "id": 123,
    "product_id": 39,
    "departement": "COM",
    "sujet": "test",
    "status": "OPEN",
    "message": "I have a problem...",
    "date": 1589222615
  }
])";

constexpr const char* k_thread_example = R"({
  "ticket": { "id": 123, "product_id": 39, "departement": "COM",
              "sujet": "test", "status": "OPEN",
              "message": "I have a problem...", "date": 1583166986 },
  "responses": [
    { "message": "Answer...", "date": 1584628748 },
    { "message": "Other answer...", "date": 1583604217 }
  ]
})";

std::string row_with(const std::string& field_and_value) {
    return R"([{"id": 7, "product_id": 1, "departement": "TECH", "sujet": "s", "status": "OPEN",
              "message": "m", "date": 5, )" +
           field_and_value + "}]";
}

} // namespace

TEST_CASE("the published list example decodes field by field") {
    const auto decoded = core::decode_ticket_list(k_list_example);

    CHECK(decoded.error == DecodeError::none);
    CHECK(decoded.skipped == 0);
    REQUIRE(decoded.tickets.size() == 1);
    const core::Ticket& ticket = decoded.tickets[0];
    CHECK(ticket.id == 123);
    CHECK(ticket.product_id == 39);
    CHECK(ticket.department == "COM");
    CHECK(ticket.subject == "test");
    CHECK(ticket.status == "OPEN");
    CHECK(ticket.message == "I have a problem...");
    CHECK(ticket.date == 1589222615);
    CHECK_FALSE(ticket.degraded);
}

TEST_CASE("the published thread example decodes with its responses in date order") {
    const auto decoded = core::decode_thread(k_thread_example);

    CHECK(decoded.error == DecodeError::none);
    REQUIRE(decoded.thread);
    CHECK(decoded.thread->ticket.id == 123);
    CHECK(decoded.thread->ticket.date == 1583166986);
    REQUIRE(decoded.thread->responses.size() == 2);
    CHECK(decoded.thread->responses[0].message == "Other answer...");
    CHECK(decoded.thread->responses[0].date == 1583604217);
    CHECK(decoded.thread->responses[1].message == "Answer...");
    CHECK(decoded.thread->responses[1].date == 1584628748);
}

TEST_CASE("responses with the same date keep the order the server sent") {
    const auto decoded = core::decode_thread(
        R"({"ticket": {"id": 1}, "responses": [{"message": "b", "date": 9},
            {"message": "first", "date": 5}, {"message": "second", "date": 5}]})");

    REQUIRE(decoded.thread);
    REQUIRE(decoded.thread->responses.size() == 3);
    CHECK(decoded.thread->responses[0].message == "first");
    CHECK(decoded.thread->responses[1].message == "second");
    CHECK(decoded.thread->responses[2].message == "b");
}

TEST_CASE("the documented error body gives its text") {
    CHECK(core::decode_error_text(R"({"error": "Can't find any tickets"})") ==
          "Can't find any tickets");
    CHECK(core::decode_error_text(R"({"error": "Can't post new reply"})") ==
          "Can't post new reply");
}

TEST_CASE("an error body of another shape gives no text") {
    CHECK_FALSE(core::decode_error_text(""));
    CHECK_FALSE(core::decode_error_text("<html><body>502 Bad Gateway</body></html>"));
    CHECK_FALSE(core::decode_error_text(R"({"error": 500})"));
    CHECK_FALSE(core::decode_error_text(R"({"error": ""})"));
    CHECK_FALSE(core::decode_error_text(R"(["error"])"));
    CHECK_FALSE(core::decode_error_text(R"({"message": "Message successfully posted"})"));
}

TEST_CASE("a body that is not a list of tickets is a typed error") {
    SUBCASE("nothing at all") {
        CHECK(core::decode_ticket_list("").error == DecodeError::empty_body);
        CHECK(core::decode_ticket_list(" \n\t").error == DecodeError::empty_body);
    }
    SUBCASE("an HTML page from a proxy") {
        const auto decoded = core::decode_ticket_list("<html><h1>Bad Gateway</h1></html>");
        CHECK(decoded.error == DecodeError::not_json);
        CHECK(decoded.detail == "not JSON");
    }
    SUBCASE("JSON cut short") {
        CHECK(core::decode_ticket_list(R"([{"id": 1, "sujet": "a)").error == DecodeError::not_json);
    }
    SUBCASE("an object where the array belongs") {
        const auto decoded = core::decode_ticket_list(R"({"error": "Can't find any tickets"})");
        CHECK(decoded.error == DecodeError::wrong_shape);
        CHECK(decoded.detail == "expected an array, got object");
    }
    SUBCASE("a bare number, string or null") {
        CHECK(core::decode_ticket_list("42").error == DecodeError::wrong_shape);
        CHECK(core::decode_ticket_list(R"("tickets")").error == DecodeError::wrong_shape);
        CHECK(core::decode_ticket_list("null").error == DecodeError::wrong_shape);
    }
    SUBCASE("invalid UTF-8 inside a string") {
        CHECK(core::decode_ticket_list("[{\"id\": 1, \"sujet\": \"\xC3\x28\"}]").error ==
              DecodeError::not_json);
    }
    SUBCASE("a body over the size cap") {
        const std::string huge(core::k_max_body_bytes + 1, ' ');
        CHECK(core::decode_ticket_list(huge).error == DecodeError::too_large);
        CHECK(core::decode_thread(huge).error == DecodeError::too_large);
    }
}

TEST_CASE("an empty array is an empty list") {
    const auto decoded = core::decode_ticket_list("[]");

    CHECK(decoded.error == DecodeError::none);
    CHECK(decoded.tickets.empty());
    CHECK(decoded.skipped == 0);
}

TEST_CASE("a row with a bad field is kept and marked degraded") {
    SUBCASE("a null subject") {
        const auto decoded = core::decode_ticket_list(row_with(R"("sujet": null)"));
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].subject == "");
        CHECK(decoded.tickets[0].degraded);
        CHECK(decoded.tickets[0].message == "m");
    }
    SUBCASE("a subject of another type") {
        const auto decoded = core::decode_ticket_list(row_with(R"("sujet": 12)"));
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].subject == "");
        CHECK(decoded.tickets[0].degraded);
    }
    SUBCASE("missing fields") {
        const auto decoded = core::decode_ticket_list(R"([{"id": 9}])");
        REQUIRE(decoded.tickets.size() == 1);
        const core::Ticket& ticket = decoded.tickets[0];
        CHECK(ticket.id == 9);
        CHECK(ticket.product_id == 0);
        CHECK(ticket.status == "");
        CHECK(ticket.date == 0);
        CHECK(ticket.degraded);
        CHECK_FALSE(core::is_closed(ticket));
    }
    SUBCASE("a date with a fraction") {
        const auto decoded = core::decode_ticket_list(row_with(R"("date": 1589222615.5)"));
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].date == 0);
        CHECK(decoded.tickets[0].degraded);
    }
    SUBCASE("a product id as an object") {
        const auto decoded = core::decode_ticket_list(row_with(R"("product_id": {"id": 3})"));
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].product_id == 0);
        CHECK(decoded.tickets[0].degraded);
    }
}

TEST_CASE("later fields win over the row's defaults, and unknown fields are ignored") {
    const auto decoded = core::decode_ticket_list(row_with(R"("extra": [1, 2, {"x": null}])"));

    REQUIRE(decoded.tickets.size() == 1);
    CHECK_FALSE(decoded.tickets[0].degraded);
    CHECK(decoded.tickets[0].department == "TECH");
}

TEST_CASE("unambiguous numbers sent as strings are accepted") {
    const auto decoded = core::decode_ticket_list(
        R"([{"id": "123", "product_id": "39", "departement": "COM", "sujet": "s",
             "status": "OPEN", "message": "m", "date": "1589222615"}])");

    REQUIRE(decoded.tickets.size() == 1);
    CHECK(decoded.tickets[0].id == 123);
    CHECK(decoded.tickets[0].product_id == 39);
    CHECK(decoded.tickets[0].date == 1589222615);
    CHECK_FALSE(decoded.tickets[0].degraded);
}

TEST_CASE("a float with no fraction is a whole number") {
    const auto decoded = core::decode_ticket_list(R"([{"id": 123.0}])");

    REQUIRE(decoded.tickets.size() == 1);
    CHECK(decoded.tickets[0].id == 123);
}

TEST_CASE("a row with no usable id is skipped and counted, and never hides the good rows") {
    const char* bad_id = "";
    SUBCASE("missing") {
        bad_id = R"({"sujet": "no id"})";
    }
    SUBCASE("null") {
        bad_id = R"({"id": null, "sujet": "x"})";
    }
    SUBCASE("digits then letters") {
        bad_id = R"({"id": "12abc"})";
    }
    SUBCASE("a fraction") {
        bad_id = R"({"id": 12.5})";
    }
    SUBCASE("a string fraction") {
        bad_id = R"({"id": "12.5"})";
    }
    SUBCASE("a padded string") {
        bad_id = R"({"id": " 12"})";
    }
    SUBCASE("an empty string") {
        bad_id = R"({"id": ""})";
    }
    SUBCASE("zero") {
        bad_id = R"({"id": 0})";
    }
    SUBCASE("negative") {
        bad_id = R"({"id": -4})";
    }
    SUBCASE("a boolean") {
        bad_id = R"({"id": true})";
    }
    SUBCASE("past 64 bits") {
        bad_id = R"({"id": 99999999999999999999999})";
    }
    SUBCASE("past 64 bits, as a string") {
        bad_id = R"({"id": "99999999999999999999999"})";
    }
    SUBCASE("past 63 bits, unsigned") {
        bad_id = R"({"id": 18446744073709551615})";
    }
    SUBCASE("a large exponent") {
        bad_id = R"({"id": 1e300})";
    }
    SUBCASE("a row that is not an object") {
        bad_id = R"("ticket")";
    }
    SUBCASE("a null row") {
        bad_id = "null";
    }

    const std::string body = std::string("[") + R"({"id": 1, "sujet": "good"}, )" + bad_id +
                             R"(, {"id": 2, "sujet": "also good"}])";
    const auto decoded = core::decode_ticket_list(body);

    CHECK(decoded.error == DecodeError::none);
    CHECK(decoded.skipped == 1);
    REQUIRE(decoded.tickets.size() == 2);
    CHECK(decoded.tickets[0].subject == "good");
    CHECK(decoded.tickets[1].subject == "also good");
    CHECK(decoded.detail == "1 rows without a usable id");
}

TEST_CASE("a number beyond a double's range makes the body unreadable, not a crash") {
    CHECK(core::decode_ticket_list(R"([{"id": 1e400}])").error == DecodeError::not_json);
}

TEST_CASE("the largest 64-bit id is kept") {
    const auto decoded = core::decode_ticket_list(R"([{"id": 9223372036854775807}])");

    REQUIRE(decoded.tickets.size() == 1);
    CHECK(decoded.tickets[0].id == 9223372036854775807);
}

TEST_CASE("text in any script is kept as sent") {
    const std::string subject = "Été 😀 مرحبا\\nsecond line";
    const auto decoded = core::decode_ticket_list(R"([{"id": 1, "sujet": ")" + subject + "\"}]");

    REQUIRE(decoded.tickets.size() == 1);
    CHECK(decoded.tickets[0].subject == "Été 😀 مرحبا\nsecond line");
}

TEST_CASE("a thread that is not the documented shape is a typed error") {
    CHECK(core::decode_thread("").error == DecodeError::empty_body);
    CHECK(core::decode_thread("<html></html>").error == DecodeError::not_json);
    CHECK(core::decode_thread("[]").error == DecodeError::wrong_shape);
    CHECK(core::decode_thread(R"({"responses": []})").error == DecodeError::wrong_shape);
    CHECK(core::decode_thread(R"({"ticket": null})").error == DecodeError::wrong_shape);
    CHECK(core::decode_thread(R"({"ticket": [1]})").error == DecodeError::wrong_shape);
    CHECK_FALSE(core::decode_thread(R"({"ticket": "123"})").thread);
}

TEST_CASE("a thread with odd responses keeps what it can") {
    SUBCASE("no responses field") {
        const auto decoded = core::decode_thread(R"({"ticket": {"id": 4, "sujet": "s"}})");
        REQUIRE(decoded.thread);
        CHECK(decoded.thread->responses.empty());
        CHECK(decoded.skipped == 0);
    }
    SUBCASE("responses of the wrong type") {
        const auto decoded = core::decode_thread(R"({"ticket": {"id": 4}, "responses": "none"})");
        REQUIRE(decoded.thread);
        CHECK(decoded.thread->responses.empty());
        CHECK(decoded.detail == "responses is a string");
    }
    SUBCASE("a response without text, one that is not an object, one without a date") {
        const auto decoded = core::decode_thread(
            R"({"ticket": {"id": 4}, "responses": [{"date": 5}, 3, {"message": "kept"},
               {"message": null, "date": 1}, {"message": "dated", "date": "8"}]})");
        REQUIRE(decoded.thread);
        CHECK(decoded.skipped == 3);
        REQUIRE(decoded.thread->responses.size() == 2);
        CHECK(decoded.thread->responses[0].message == "kept");
        CHECK(decoded.thread->responses[0].degraded);
        CHECK(decoded.thread->responses[1].message == "dated");
        CHECK(decoded.thread->responses[1].date == 8);
        CHECK_FALSE(decoded.thread->responses[1].degraded);
    }
    SUBCASE("a ticket without a usable id is shown with id 0, degraded") {
        const auto decoded = core::decode_thread(R"({"ticket": {"id": "x", "sujet": "kept"}})");
        REQUIRE(decoded.thread);
        CHECK(decoded.thread->ticket.id == 0);
        CHECK(decoded.thread->ticket.subject == "kept");
        CHECK(decoded.thread->ticket.degraded);
    }
}

TEST_CASE("deeply nested JSON does not crash the decoder") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');

    CHECK(core::decode_ticket_list(deep).error == DecodeError::none);
    CHECK(core::decode_ticket_list(deep).skipped == 1);
    CHECK(core::decode_thread(deep).error == DecodeError::wrong_shape);
}

TEST_CASE("the list is read as JSON is: escapes, repeated members, a byte order mark") {
    SUBCASE("escaped member names and text") {
        const auto decoded = core::decode_ticket_list(
            R"([{"\u0069d": 7, "s\u0075jet": "caf\u00e9 \ud83d\ude00 \"ok\"\n"}])");
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].id == 7);
        CHECK(decoded.tickets[0].subject == "caf\xC3\xA9 \xF0\x9F\x98\x80 \"ok\"\n");
    }
    SUBCASE("a member given twice counts the second time") {
        const auto decoded = core::decode_ticket_list(row_with(R"("sujet": 5, "date": "9")"));
        REQUIRE(decoded.tickets.size() == 1);
        CHECK(decoded.tickets[0].subject.empty());
        CHECK(decoded.tickets[0].date == 9);
        CHECK(decoded.tickets[0].degraded);
    }
    SUBCASE("a byte order mark first") {
        CHECK(core::decode_ticket_list("\xEF\xBB\xBF[]").error == DecodeError::none);
        CHECK(core::decode_ticket_list("\xEF\xBB[]").error == DecodeError::not_json);
        CHECK(core::decode_ticket_list(" \xEF\xBB\xBF[]").error == DecodeError::not_json);
    }
    SUBCASE("what JSON does not allow") {
        for (const char* body : {R"([{"id": 01}])", R"([{"id": 1.}])", R"([{"id": -}])",
                                 R"([{"id": 1,}])", R"([{"id": 1}] x)", "[\"\t\"]",
                                 R"(["\ud800"])", R"(["\udc00\ud800"])", "[\"\xC0\xAF\"]",
                                 "[\"\xED\xA0\x80\"]", "[1e400]", R"([tru])"}) {
            CAPTURE(body);
            CHECK(core::decode_ticket_list(body).error == DecodeError::not_json);
        }
        CHECK(core::decode_ticket_list(std::string("[]\0", 3)).error == DecodeError::not_json);
    }
}

TEST_CASE("a hundred thousand rows decode to as many tickets") {
    std::string body = "[";
    for (int i = 1; i <= 100000; ++i) {
        body += (i > 1 ? "," : "") + std::string(R"({"id": )") + std::to_string(i) +
                R"(, "product_id": 1, "departement": "TECH", "sujet": "s", "status": "OPEN",)" +
                R"( "message": "m", "date": 5})";
    }
    body += "]";

    const auto decoded = core::decode_ticket_list(body);

    CHECK(decoded.error == DecodeError::none);
    REQUIRE(decoded.tickets.size() == 100000);
    CHECK(decoded.tickets.back().id == 100000);
    CHECK_FALSE(decoded.tickets.back().degraded);
}
