#include "core/media/bounded_queue.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

TEST_CASE("a full queue refuses new items, counts them and keeps the order", "[media]") {
    lm::BoundedQueue<int> queue(3);
    std::vector<bool> accepted;
    for (int i = 1; i <= 5; ++i)
        accepted.push_back(queue.try_push(i));

    CHECK(accepted == std::vector<bool>{true, true, true, false, false});
    CHECK(queue.size() == 3);
    CHECK(queue.pushed() == 3);
    CHECK(queue.dropped() == 2);
    // The oldest items survive (the newcomers were dropped), in arrival order.
    CHECK(queue.try_pop() == 1);
    CHECK(queue.try_pop() == 2);
    CHECK(queue.try_pop() == 3);
    CHECK_FALSE(queue.try_pop().has_value());
    // Room again after draining.
    CHECK(queue.try_push(6));
    CHECK(queue.pop() == 6);
    CHECK(queue.dropped() == 2);
}

TEST_CASE("a zero capacity queue still holds one item", "[media]") {
    lm::BoundedQueue<int> queue(0);
    CHECK(queue.capacity() == 1);
    CHECK(queue.try_push(1));
    CHECK_FALSE(queue.try_push(2));
    CHECK(queue.dropped() == 1);
}

TEST_CASE("a closed queue refuses pushes but drains what it holds", "[media]") {
    lm::BoundedQueue<int> queue(4);
    REQUIRE(queue.try_push(1));
    REQUIRE(queue.try_push(2));
    queue.close();

    CHECK(queue.closed());
    CHECK_FALSE(queue.try_push(3));
    CHECK(queue.dropped() == 1);
    CHECK(queue.pop() == 1);
    CHECK(queue.pop_for(10ms) == 2);
    // Closed and drained: pop returns at once with nothing instead of waiting forever.
    CHECK_FALSE(queue.pop().has_value());
    CHECK_FALSE(queue.pop_for(10s).has_value());
}

TEST_CASE("close wakes a consumer blocked in pop", "[media]") {
    lm::BoundedQueue<int> queue(2);
    std::atomic<bool> returned{false};
    std::optional<int> result = 42;
    std::thread consumer([&] {
        result = queue.pop();
        returned = true;
    });
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(returned.load());  // still waiting: nothing was pushed
    queue.close();
    consumer.join();
    CHECK(returned.load());
    CHECK_FALSE(result.has_value());
}

TEST_CASE("pop_for gives up after its timeout and leaves the queue open", "[media]") {
    lm::BoundedQueue<int> queue(2);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(queue.pop_for(30ms).has_value());
    CHECK(std::chrono::steady_clock::now() - start >= 30ms);
    CHECK_FALSE(queue.closed());
    CHECK(queue.try_push(7));
    CHECK(queue.pop_for(30ms) == 7);
}

TEST_CASE("drop_if removes the selected items and counts them as dropped", "[media]") {
    lm::BoundedQueue<int> queue(8);
    for (int i = 1; i <= 6; ++i)
        REQUIRE(queue.try_push(i));
    // Shed the odd ones, as an output sheds low-priority packets.
    CHECK(queue.drop_if([](int value) { return value % 2 == 1; }) == 3);
    CHECK(queue.dropped() == 3);
    CHECK(queue.size() == 3);
    CHECK(queue.try_pop() == 2);
    CHECK(queue.try_pop() == 4);
    CHECK(queue.try_pop() == 6);
    CHECK(queue.drop_if([](int) { return true; }) == 0);
    CHECK(queue.dropped() == 3);
}

TEST_CASE("concurrent producers and consumers: every attempt is either delivered or counted",
          "[media]") {
    constexpr int kProducers = 4;
    constexpr int kItemsEach = 20'000;
    lm::BoundedQueue<int> queue(16);
    std::atomic<uint64_t> accepted_by_producers{0};
    std::vector<std::vector<int>> consumed(2);

    std::vector<std::thread> consumers;
    for (auto& received : consumed) {
        consumers.emplace_back([&queue, &received] {
            while (auto item = queue.pop()) {
                received.push_back(*item);
                // Stall now and then, so the producers do fill the queue and drop.
                if (received.size() % 500 == 0)
                    std::this_thread::sleep_for(1ms);
            }
        });
    }
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
        producers.emplace_back([&, p] {
            for (int i = 0; i < kItemsEach; ++i) {
                if (queue.try_push(p * kItemsEach + i))
                    ++accepted_by_producers;
                if (i % 64 == 0)
                    std::this_thread::yield();
            }
        });
    }
    for (auto& producer : producers)
        producer.join();
    queue.close();
    for (auto& consumer : consumers)
        consumer.join();

    const uint64_t attempted = uint64_t{kProducers} * kItemsEach;
    CHECK(queue.dropped() > 0);  // the stalls above make drops all but certain
    CHECK(queue.pushed() + queue.dropped() == attempted);
    CHECK(queue.pushed() == accepted_by_producers.load());
    CHECK(consumed[0].size() + consumed[1].size() == queue.pushed());
    // Each consumer sees each producer's items in the order they were produced.
    int out_of_order = 0;
    for (const auto& received : consumed) {
        std::vector<int> last(kProducers, -1);
        for (const int item : received) {
            const int producer = item / kItemsEach;
            if (item <= last[producer])
                ++out_of_order;
            last[producer] = item;
        }
    }
    CHECK(out_of_order == 0);
}
