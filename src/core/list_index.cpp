#include "list_index.h"

#include "text_fold.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace core {
namespace {

std::vector<std::string> split_words(std::string_view folded) {
    std::vector<std::string> words;
    std::size_t at = 0;
    while (at < folded.size()) {
        const std::size_t start = folded.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) {
            break;
        }
        const std::size_t end = std::min(folded.find_first_of(" \t\r\n", start), folded.size());
        words.emplace_back(folded.substr(start, end - start));
        at = end;
    }
    return words;
}

bool haystack_matches(std::string_view haystack, const std::vector<std::string>& words) {
    return std::all_of(words.begin(), words.end(), [&](const std::string& word) {
        return haystack.find(word) != std::string_view::npos;
    });
}

// Rank of a status for sorting: open ones, then unknown ones by their text, then closed.
int status_rank(const Ticket& ticket) {
    if (ticket.status == "OPEN") {
        return 0;
    }
    return is_closed(ticket) ? 2 : 1;
}

} // namespace

bool passes_filter(const Ticket& ticket, StatusFilter filter) {
    switch (filter) {
    case StatusFilter::all:
        return true;
    case StatusFilter::open:
        return !is_closed(ticket);
    case StatusFilter::closed:
        return is_closed(ticket);
    }
    return true;
}

void ListIndex::reset(const std::vector<Ticket>& tickets) {
    // One buffer for every haystack: folding never makes text longer, so its size is known.
    std::size_t size = 0;
    for (const Ticket& ticket : tickets) {
        size += ticket.subject.size() + ticket.message.size() + 24;
    }
    haystacks_.clear();
    haystacks_.shrink_to_fit();
    haystacks_.reserve(size);
    starts_.assign(1, 0);
    starts_.reserve(tickets.size() + 1);
    subject_ends_.clear();
    subject_ends_.reserve(tickets.size());
    for (const Ticket& ticket : tickets) {
        const std::size_t start = haystacks_.size();
        append_folded_for_search(haystacks_, ticket.subject);
        subject_ends_.push_back(static_cast<std::uint32_t>(haystacks_.size() - start));
        haystacks_ += '\n';
        append_folded_for_search(haystacks_, ticket.message);
        haystacks_ += "\n#";
        haystacks_ += std::to_string(ticket.id);
        starts_.push_back(static_cast<std::uint32_t>(haystacks_.size()));
    }
    order_.clear();
    earlier_.clear();
    match_all();
}

void ListIndex::release() {
    std::string().swap(haystacks_);
    std::vector<std::uint32_t>().swap(starts_);
    std::vector<std::uint32_t>().swap(subject_ends_);
    std::vector<char>().swap(is_match_);
    std::vector<int>().swap(order_);
    earlier_.clear();
}

std::string_view ListIndex::haystack(std::size_t index) const {
    return std::string_view(haystacks_).substr(starts_[index], starts_[index + 1] - starts_[index]);
}

void ListIndex::match_all() {
    const std::size_t count = subject_ends_.size();
    is_match_.assign(count, 1);
    if (words_.empty()) {
        return;
    }
    for (std::size_t i = 0; i < count; ++i) {
        is_match_[i] = haystack_matches(haystack(i), words_) ? 1 : 0;
    }
}

// Keeps the current matches for the query typed so far, so that deleting back to it costs a
// copy, not a scan. Only queries that the current one extends are worth keeping.
void ListIndex::remember_matches() {
    constexpr std::size_t k_max_earlier = 64;
    while (!earlier_.empty() && !folded_query_.starts_with(earlier_.back().folded_query)) {
        earlier_.pop_back();
    }
    if (earlier_.size() >= k_max_earlier) {
        earlier_.erase(earlier_.begin());
    }
    Earlier earlier{folded_query_, std::vector<std::uint64_t>((is_match_.size() + 63) / 64)};
    for (std::size_t i = 0; i < is_match_.size(); ++i) {
        if (is_match_[i] != 0) {
            earlier.bits[i / 64] |= std::uint64_t{1} << (i % 64);
        }
    }
    earlier_.push_back(std::move(earlier));
}

// Restores the matches of an earlier query with the same words as now, if one is kept.
bool ListIndex::recall_matches() {
    while (!earlier_.empty()) {
        Earlier& earlier = earlier_.back();
        if (split_words(earlier.folded_query) == words_) {
            for (std::size_t i = 0; i < is_match_.size(); ++i) {
                is_match_[i] = (earlier.bits[i / 64] >> (i % 64)) & 1 ? 1 : 0;
            }
            earlier_.pop_back();
            return true;
        }
        if (!folded_query_.starts_with(earlier.folded_query)) {
            earlier_.pop_back(); // neither this query nor a longer one will need it
            continue;
        }
        return false;
    }
    return false;
}

bool ListIndex::set_query(std::string_view text) {
    std::string folded = fold_for_search(text);
    std::vector<std::string> words = split_words(folded);
    if (words == words_) {
        folded_query_ = std::move(folded);
        return false;
    }

    // Typing on only narrows the matches: test the tickets that matched before, and no others.
    const bool narrows = !folded_query_.empty() && folded.starts_with(folded_query_);
    if (narrows) {
        remember_matches();
    }
    folded_query_ = std::move(folded);
    words_ = std::move(words);
    if (!narrows) {
        if (!recall_matches()) {
            match_all();
        }
        return true;
    }
    for (std::size_t i = 0; i < is_match_.size(); ++i) {
        if (is_match_[i] != 0 && !haystack_matches(haystack(i), words_)) {
            is_match_[i] = 0;
        }
    }
    return true;
}

void ListIndex::sort(const std::vector<Ticket>& tickets, SortKey key, bool descending, Lang lang) {
    order_.resize(tickets.size());
    for (std::size_t i = 0; i < order_.size(); ++i) {
        order_[i] = static_cast<int>(i);
    }

    // Department names are few: fold each distinct one once.
    std::map<std::string, std::string> department_keys;
    if (key == SortKey::department) {
        for (const Ticket& ticket : tickets) {
            if (!department_keys.contains(ticket.department)) {
                department_keys[ticket.department] =
                    fold_for_search(department_name(lang, ticket.department));
            }
        }
    }

    const auto newest_first = [&](int a, int b) {
        const Ticket& x = tickets[static_cast<std::size_t>(a)];
        const Ticket& y = tickets[static_cast<std::size_t>(b)];
        return std::tie(y.date, y.id, a) < std::tie(x.date, x.id, b);
    };
    const auto subject = [&](int index) {
        const auto at = static_cast<std::size_t>(index);
        return haystack(at).substr(0, subject_ends_[at]);
    };
    // -1, 0 or 1: how a and b compare on the chosen key alone, ascending.
    const auto compare_key = [&](int a, int b) -> int {
        const Ticket& x = tickets[static_cast<std::size_t>(a)];
        const Ticket& y = tickets[static_cast<std::size_t>(b)];
        switch (key) {
        case SortKey::date:
            return x.date != y.date ? (x.date < y.date ? -1 : 1)
                                    : (x.id != y.id ? (x.id < y.id ? -1 : 1) : 0);
        case SortKey::subject:
            return subject(a).compare(subject(b));
        case SortKey::status: {
            const int rank_x = status_rank(x);
            const int rank_y = status_rank(y);
            return rank_x != rank_y ? (rank_x < rank_y ? -1 : 1) : x.status.compare(y.status);
        }
        case SortKey::department:
            return department_keys[x.department].compare(department_keys[y.department]);
        }
        return 0;
    };

    std::sort(order_.begin(), order_.end(), [&](int a, int b) {
        const int by_key = compare_key(a, b);
        if (by_key != 0) {
            return descending ? by_key > 0 : by_key < 0;
        }
        return newest_first(a, b);
    });
}

std::vector<int> ListIndex::visible(const std::vector<Ticket>& tickets, StatusFilter filter) const {
    std::vector<int> shown;
    shown.reserve(order_.size());
    for (const int index : order_) {
        const auto at = static_cast<std::size_t>(index);
        if (at < tickets.size() && is_match_[at] != 0 && passes_filter(tickets[at], filter)) {
            shown.push_back(index);
        }
    }
    return shown;
}

} // namespace core
