// Savepoints of a write session: a part undone alone, a part kept with the transaction,
// nesting, and misuse that gives a problem (never a crash), on a file database and ":memory:".
#include <gtest/gtest.h>

#include <string>

#include "store/store_fixtures.h"

namespace cherha::store::testing {
namespace {

class SavepointTest : public StoreTest {};

INSTANTIATE_TEST_SUITE_P(Stores, SavepointTest, ::testing::Values("file", "memory"),
                         [](const auto& param_info) { return param_info.param; });

const core::Date kDay = day(2025, 3, 14);

std::vector<std::string> codes_of(StoreSession& session) {
    std::vector<std::string> out;
    for (const auto& b : CHERHA_OK(session.day_bookings(kDay, {}))) out.push_back(b.code);
    return out;
}

TEST_P(SavepointTest, RolledBackPartIsGoneReleasedPartIsCommittedWithTheSession) {
    {
        auto session = writer();
        CHERHA_OK(session->insert_booking(sample_booking("BEFORE1", kDay, 600, 1)));

        EXPECT_NO_PROBLEM(session->savepoint());
        EXPECT_EQ(session->savepoint_depth(), 1);
        CHERHA_OK(session->insert_booking(sample_booking("UNDONE1", kDay, 600, 2)));
        EXPECT_NO_PROBLEM(session->count_abuse(kDay, "quota"));
        EXPECT_NO_PROBLEM(session->rollback_to_savepoint());
        EXPECT_EQ(session->savepoint_depth(), 0);
        // The session sees the state before the savepoint again and goes on.
        EXPECT_EQ(codes_of(*session), std::vector<std::string>{"BEFORE1"});

        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("KEPT001", kDay, 630, 3)));
        EXPECT_NO_PROBLEM(session->release_savepoint());
        EXPECT_EQ(session->savepoint_depth(), 0);

        // Written after a rollback, in the same transaction: stays.
        EXPECT_NO_PROBLEM(session->count_abuse(kDay, "pow_reused"));
        EXPECT_FALSE(session->commit());
    }
    auto session = reader();
    EXPECT_EQ(codes_of(*session), (std::vector<std::string>{"BEFORE1", "KEPT001"}));
    auto counts = CHERHA_OK(session->abuse_counts(kDay));
    EXPECT_EQ(counts.count("quota"), 0u);
    EXPECT_EQ(counts["pow_reused"], 1);
}

TEST_P(SavepointTest, AReleasedPartGoesWhenTheSessionRollsBack) {
    {
        auto session = writer();
        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("RELEASE", kDay, 600)));
        EXPECT_NO_PROBLEM(session->release_savepoint());
    }  // destroyed without commit
    auto session = reader();
    EXPECT_TRUE(codes_of(*session).empty());
}

TEST_P(SavepointTest, NestedSavepointsEndInnermostFirst) {
    {
        auto session = writer();
        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("OUTER01", kDay, 600, 1)));
        EXPECT_NO_PROBLEM(session->savepoint());
        EXPECT_EQ(session->savepoint_depth(), 2);
        CHERHA_OK(session->insert_booking(sample_booking("INNER01", kDay, 600, 2)));
        EXPECT_NO_PROBLEM(session->rollback_to_savepoint());  // the inner one
        EXPECT_EQ(session->savepoint_depth(), 1);
        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("INNER02", kDay, 630, 3)));
        EXPECT_NO_PROBLEM(session->release_savepoint());  // the second inner one
        EXPECT_NO_PROBLEM(session->release_savepoint());  // the outer one
        EXPECT_EQ(session->savepoint_depth(), 0);
        // A refused insert (its own savepoint inside) inside ours leaves ours intact.
        EXPECT_NO_PROBLEM(session->savepoint());
        auto duplicate = session->insert_booking(sample_booking("OUTER01", kDay, 700, 4));
        ASSERT_FALSE(duplicate);
        EXPECT_EQ(duplicate.problem().code, "store.duplicate");
        CHERHA_OK(session->insert_booking(sample_booking("LAST001", kDay, 700, 5)));
        EXPECT_NO_PROBLEM(session->release_savepoint());
        EXPECT_FALSE(session->commit());
    }
    auto session = reader();
    EXPECT_EQ(codes_of(*session), (std::vector<std::string>{"OUTER01", "INNER02", "LAST001"}));
}

TEST_P(SavepointTest, OuterRollbackUndoesAReleasedInnerPart) {
    {
        auto session = writer();
        CHERHA_OK(session->insert_booking(sample_booking("KEEP001", kDay, 600, 1)));
        EXPECT_NO_PROBLEM(session->savepoint());
        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("INNER01", kDay, 600, 2)));
        EXPECT_NO_PROBLEM(session->release_savepoint());
        EXPECT_NO_PROBLEM(session->rollback_to_savepoint());
        EXPECT_FALSE(session->commit());
    }
    auto session = reader();
    EXPECT_EQ(codes_of(*session), std::vector<std::string>{"KEEP001"});
}

TEST_P(SavepointTest, CommitWithASavepointOpenKeepsItsWrites) {
    {
        auto session = writer();
        EXPECT_NO_PROBLEM(session->savepoint());
        CHERHA_OK(session->insert_booking(sample_booking("OPEN001", kDay, 600)));
        EXPECT_FALSE(session->commit());
        EXPECT_EQ(session->savepoint_depth(), 0);
    }
    {
        auto session = reader();
        EXPECT_EQ(codes_of(*session), std::vector<std::string>{"OPEN001"});
    }
    // The connection went back to the pool clean: the next write session works as usual.
    auto next = writer();
    EXPECT_NO_PROBLEM(next->savepoint());
    EXPECT_NO_PROBLEM(next->rollback_to_savepoint());
    EXPECT_FALSE(next->commit());
}

TEST_P(SavepointTest, MisuseGivesAProblemNotACrash) {
    auto session = writer();
    auto released = session->release_savepoint();
    ASSERT_TRUE(released);
    EXPECT_EQ(released->code, "store.transaction");
    EXPECT_EQ(released->param("operation"), "release_savepoint");
    auto rolled = session->rollback_to_savepoint();
    ASSERT_TRUE(rolled);
    EXPECT_EQ(rolled->code, "store.transaction");
    EXPECT_EQ(rolled->param("operation"), "rollback_to_savepoint");

    // One more end than opened: the extra one is refused, the session still works.
    EXPECT_NO_PROBLEM(session->savepoint());
    EXPECT_NO_PROBLEM(session->release_savepoint());
    EXPECT_TRUE(session->release_savepoint());
    CHERHA_OK(session->insert_booking(sample_booking("STILL01", kDay, 600)));
    EXPECT_FALSE(session->commit());

    // A finished session and a read session refuse savepoints.
    EXPECT_EQ(session->savepoint()->code, "store.finished");
    EXPECT_EQ(session->release_savepoint()->code, "store.finished");
    EXPECT_EQ(session->rollback_to_savepoint()->code, "store.finished");
    auto read = reader();
    EXPECT_EQ(read->savepoint()->code, "store.read_only");
    EXPECT_EQ(read->release_savepoint()->code, "store.read_only");
    EXPECT_EQ(read->rollback_to_savepoint()->code, "store.read_only");
    EXPECT_EQ(read->savepoint_depth(), 0);
}

}  // namespace
}  // namespace cherha::store::testing
