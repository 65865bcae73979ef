package io.infometis.streams.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.fraud.support.Rules;
import org.junit.jupiter.api.Test;

/**
 * Family and shape ids and evaluation keys: part of the keyed state, so they must not change between builds or
 * JVMs.
 */
class WindowIdsTest {

    private static Rule failedPayments(String id, int threshold, String size) throws Exception {
        return RuleParser.parse(id, Rules.failedPaymentsPerUser(id, 1, true, threshold, size, "1 min"));
    }

    private static Rule allPaymentsPerUser() throws Exception {
        return RuleParser.parse("all", """
                {"id": "all", "version": 1, "stream": "payments", "group_by": "user_id",
                 "aggregate": {"function": "sum", "field": "amount"}, "window": {"size": "2 min", "slide": "1 min"},
                 "threshold": {"comparison": ">", "value": 1000}, "severity": "LOW"}
                """);
    }

    @Test
    void theIdsAreTheFirstEightBytesOfSha256OverTheDescriptionsTheSameInEveryBuild() throws Exception {
        Rule rule = failedPayments("r1", 5, "2 min");

        // Computed outside Java (sha256 of the description, first 8 bytes, big-endian): a change here would orphan
        // every open window at the next upgrade.
        assertThat(WindowFamily.of(rule))
                .isEqualTo("payments where status EQUALS [FAILED] by user_id of events in 120000/60000 ms");
        assertThat(WindowFamily.id(rule)).isEqualTo(0xd834fb05dcea3aeeL);
        assertThat(WindowShape.of(rule)).isEqualTo("payments by user_id in 120000/60000 ms");
        assertThat(WindowShape.id(rule)).isEqualTo(0xb99c4a32d2e2ff7aL);
        assertThat(RuleHit.key(WindowShape.id(rule), "u1")).isEqualTo("uZxKMtLi_3o\u001fu1");
    }

    @Test
    void rulesOfOneFamilyShareItsIdAndFamiliesOfOneWindowAndGroupingShareTheShape() throws Exception {
        Rule r1 = failedPayments("r1", 5, "2 min");
        Rule sameFamily = failedPayments("r2", 50, "2 min");
        Rule otherWindow = failedPayments("r3", 5, "3 min");
        Rule otherFilterAndInput = allPaymentsPerUser();

        assertThat(WindowFamily.id(sameFamily)).isEqualTo(WindowFamily.id(r1));
        assertThat(WindowFamily.id(otherWindow)).isNotEqualTo(WindowFamily.id(r1));
        assertThat(WindowFamily.id(otherFilterAndInput)).isNotEqualTo(WindowFamily.id(r1));
        assertThat(WindowShape.id(otherFilterAndInput)).isEqualTo(WindowShape.id(r1));
        assertThat(WindowShape.id(otherWindow)).isNotEqualTo(WindowShape.id(r1));
    }

    @Test
    void aKeyIsTwelveCharactersOfShapeThenTheGroupValueWhateverTheGroupHolds() throws Exception {
        long shape = WindowShape.id(failedPayments("r1", 5, "2 min"));
        for (String group : new String[] {"u1", "", "a\u001fb", "10.0.0.1", "ünïcødé"}) {
            RuleHit hit = RuleHit.of(shape, group, new long[] {1L}, new double[] {1}, "e1", 0, 120_000, 60_000);
            assertThat(hit.evaluationKey()).hasSize(StableIds.KEY_PREFIX_LENGTH + group.length())
                    .isEqualTo(RuleHit.key(shape, group));
            assertThat(hit.groupValue()).isEqualTo(group);
        }
    }

    @Test
    void noDescriptionHasTheIdThatMarksStateFromBeforeIds() {
        assertThat(StableIds.of("any description")).isNotEqualTo(StableIds.NONE);
        assertThat(StableIds.of("")).isNotEqualTo(StableIds.NONE);
    }
}
