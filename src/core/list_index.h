// The list's index: which tickets match the search, in which order. Folding is done once per
// load (one haystack per ticket, all in one buffer), so typing a search costs a scan of prepared
// text; a search that only grows (typing on) scans only the tickets that matched before, and
// one that shrinks back (deleting) finds the matches it had at that length again.
#pragma once

#include "i18n.h"
#include "intent.h"
#include "ticket.h"

#include <string>
#include <string_view>
#include <vector>

namespace core {

class ListIndex {
public:
    // New data: folds every ticket's subject, first message and "#id". Keeps the query.
    void reset(const std::vector<Ticket>& tickets);
    // Lets go of the folded text and the order, keeping the query, until the next reset(): a
    // new list is decoded with the old one's index out of memory.
    void release();

    // Returns whether the folded query changed (and so the matches).
    bool set_query(std::string_view text);

    // Orders every ticket by `key`; ties go newest first, then by id.
    void sort(const std::vector<Ticket>& tickets, SortKey key, bool descending, Lang lang);

    // The tickets that match the query and the filter, in sorted order.
    std::vector<int> visible(const std::vector<Ticket>& tickets, StatusFilter filter) const;

    bool matches(int index) const { return is_match_[static_cast<std::size_t>(index)] != 0; }

private:
    // The matches of an earlier, shorter query, one bit per ticket.
    struct Earlier {
        std::string folded_query;
        std::vector<std::uint64_t> bits;
    };

    std::string_view haystack(std::size_t index) const;
    void match_all();
    void remember_matches();
    bool recall_matches();

    std::string haystacks_;              // folded "subject\nmessage\n#id" of every ticket
    std::vector<std::uint32_t> starts_;  // where each ticket's haystack starts, and the end
    std::vector<std::uint32_t> subject_ends_; // where the folded subject ends in each haystack
    std::string folded_query_;
    std::vector<std::string> words_; // the folded query, split on spaces: all must match
    std::vector<char> is_match_;     // per ticket
    std::vector<int> order_;         // every ticket, sorted
    std::vector<Earlier> earlier_;   // shorter queries typed on the way to this one
};

bool passes_filter(const Ticket& ticket, StatusFilter filter);

} // namespace core
