// Request building, and the App driven by a random script: intents, outcomes with random
// statuses and bodies, timers, visibility and the network. Checks the model's promises as it goes:
// every visible index points at a ticket, the counts add up, a POST goes out only when the
// customer sends or confirms (never from an outcome, a timer or the network's return: it is
// never retried), at most one at a time.
#include "core/app.h"
#include "core/request.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

void check(bool promise) {
    if (!promise) {
        __builtin_trap();
    }
}

// Bodies the API sends, documented or not, and a random one.
std::string pick_body(FuzzedDataProvider& input) {
    static const char* const k_bodies[] = {
        R"([{"id": 1, "product_id": 39, "departement": "COM", "sujet": "Été", "status": "OPEN",
            "message": "m", "date": 1589222615}, {"id": "2", "sujet": null, "status": "CLOSED"}])",
        R"({"ticket": {"id": 1, "sujet": "s", "status": "OPEN", "date": 5},
            "responses": [{"message": "b", "date": 9}, {"message": "a", "date": 7}]})",
        R"({"ticket": {"id": 1, "status": "CLOSED"}, "responses": []})",
        R"({"error": "Can't find any tickets"})",
        R"({"message": "Message successfully posted"})",
        "<html>502</html>",
        "",
        "[]",
    };
    const std::size_t choice = input.ConsumeIntegralInRange<std::size_t>(0, std::size(k_bodies));
    if (choice == std::size(k_bodies)) {
        return input.ConsumeRandomLengthString(2000);
    }
    return k_bodies[choice];
}

void check_list(const core::App& app) {
    const core::ListView& list = app.list();
    for (const int index : list.visible) {
        check(index >= 0 && static_cast<std::size_t>(index) < list.tickets.size());
    }
    check(list.count_open + list.count_closed == list.count_all);
    check(list.count_all == static_cast<int>(list.tickets.size()));
    check(list.visible.size() <= list.tickets.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);

    // Request building with hostile text.
    const std::string text = input.ConsumeRandomLengthString(500);
    const std::string encoded = core::form_urlencode(text);
    for (const char c : encoded) {
        check(c != ' ' && c != '&' && c != '=' && c != '\n');
    }
    const core::Credentials credentials{core::CredentialsMode::key, text, text, text};
    (void)core::make_reply_request(text, credentials, input.ConsumeIntegral<std::int64_t>(), text);

    // The App, driven at random.
    core::Settings settings;
    settings.credentials = input.PickValueInArray(
        {core::CredentialsMode::cookie, core::CredentialsMode::bearer, core::CredentialsMode::key});
    settings.lang = input.ConsumeBool() ? core::Lang::fr : core::Lang::en;
    core::App app(settings);
    app.set_random_seed(input.ConsumeIntegral<std::uint64_t>());
    if (input.ConsumeBool()) {
        app.restore("prefs", input.ConsumeRandomLengthString(100));
    }
    app.restore("draft.1", "kept text");
    std::int64_t now = 1'700'000'000'000;
    app.start(core::Route{input.ConsumeIntegralInRange<std::int64_t>(0, 3)}, now);

    std::vector<core::Request> pending;
    std::set<std::uint64_t> posted;
    for (int step = 0; step < 64 && input.remaining_bytes() > 0; ++step) {
        const int action = input.ConsumeIntegralInRange(0, 9);
        switch (action) {
        case 0:
            app.apply(core::Navigate{core::Route{input.ConsumeIntegralInRange<std::int64_t>(0, 3)}},
                      now);
            break;
        case 1:
            app.apply(core::SetSearch{input.ConsumeRandomLengthString(20)}, now);
            break;
        case 2:
            app.apply(core::SetFilter{input.PickValueInArray({core::StatusFilter::all,
                                                              core::StatusFilter::open,
                                                              core::StatusFilter::closed})},
                      now);
            app.apply(core::SetSort{input.PickValueInArray(
                                        {core::SortKey::date, core::SortKey::subject,
                                         core::SortKey::status, core::SortKey::department}),
                                    input.ConsumeBool()},
                      now);
            break;
        case 3:
            app.apply(core::EditDraft{app.route().ticket_id, input.ConsumeRandomLengthString(30)},
                      now);
            app.apply(core::SendReply{}, now);
            break;
        case 4:
            app.apply(core::AskClose{}, now);
            app.apply(input.ConsumeBool() ? core::Intent{core::ConfirmClose{}}
                                          : core::Intent{core::GoBack{}},
                      now);
            break;
        case 5:
            app.apply(core::EditEmail{"a@b.c"}, now);
            app.apply(core::EditKey{input.ConsumeRandomLengthString(10)}, now);
            app.apply(input.ConsumeBool() ? core::Intent{core::SignIn{}}
                                          : core::Intent{core::SignOut{}},
                      now);
            break;
        case 6: {
            if (pending.empty()) {
                break;
            }
            const std::size_t which =
                input.ConsumeIntegralInRange<std::size_t>(0, pending.size() - 1);
            core::Outcome outcome;
            outcome.status = input.PickValueInArray({0, 200, 401, 403, 404, 429, 500, 502, 503});
            outcome.timed_out = input.ConsumeBool() && outcome.status == 0;
            outcome.body = pick_body(input);
            outcome.retry_after_s = input.ConsumeFloatingPoint<double>();
            app.on_outcome(pending[which].id, outcome, now);
            pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(which));
            break;
        }
        case 7:
            now += input.ConsumeIntegralInRange<std::int64_t>(0, 200'000);
            app.tick(now);
            break;
        case 8:
            app.set_visible(input.ConsumeBool(), now);
            app.set_online(input.ConsumeBool(), now);
            break;
        case 9:
            app.apply(core::Refresh{}, now);
            app.apply(core::SetLanguage{input.ConsumeIntegralInRange(-1, 2)}, now);
            break;
        }

        int posts = 0;
        for (core::Request& request : app.take_requests()) {
            check(request.id != 0);
            if (request.method == core::Method::post) {
                check(posted.insert(request.id).second);
                check(action == 3 || action == 4); // SendReply or ConfirmClose, nothing else
                ++posts;
            }
            pending.push_back(std::move(request));
        }
        check(posts <= 1);
        (void)app.take_storage_writes();
        check_list(app);
        check(!app.notice().text.empty() || app.notice().serial == 0);
        check(!(app.reply().sending && app.can_send()));
    }
    return 0;
}
