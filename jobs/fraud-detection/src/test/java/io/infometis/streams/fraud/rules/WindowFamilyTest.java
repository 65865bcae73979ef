package io.infometis.streams.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.fraud.support.Rules;
import org.junit.jupiter.api.Test;

/** Family ids and evaluation keys: part of the keyed state, so they must not change between builds or JVMs. */
class WindowFamilyTest {

    private static Rule failedPayments(String id, int threshold, String size) throws Exception {
        return RuleParser.parse(id, Rules.failedPaymentsPerUser(id, 1, true, threshold, size, "1 min"));
    }

    @Test
    void theIdIsTheFirstEightBytesOfSha256OverTheDescriptionTheSameInEveryBuild() throws Exception {
        Rule rule = failedPayments("r1", 5, "2 min");

        assertThat(WindowFamily.of(rule))
                .isEqualTo("payments where status EQUALS [FAILED] by user_id of events in 120000/60000 ms");
        // Computed outside Java (sha256 of the description above, first 8 bytes, big-endian): a change here would
        // orphan every open window at the next upgrade.
        assertThat(WindowFamily.id(rule)).isEqualTo(0xd834fb05dcea3aeeL);
        assertThat(RuleHit.key(WindowFamily.id(rule), "u1")).isEqualTo("2DT7BdzqOu4\u001fu1");
    }

    @Test
    void rulesSharingAWindowShapeShareTheIdAndOtherShapesDoNot() throws Exception {
        assertThat(WindowFamily.id(failedPayments("r1", 5, "2 min")))
                .isEqualTo(WindowFamily.id(failedPayments("r2", 50, "2 min")))
                .isNotEqualTo(WindowFamily.id(failedPayments("r3", 5, "3 min")));
    }

    @Test
    void aKeyIsTwelveCharactersOfFamilyThenTheGroupValueWhateverTheGroupHolds() throws Exception {
        long family = WindowFamily.id(failedPayments("r1", 5, "2 min"));
        for (String group : new String[] {"u1", "", "a\u001fb", "10.0.0.1", "ünïcødé"}) {
            RuleHit hit = RuleHit.of(family, group, "e1", 0, 1, 120_000, 60_000);
            assertThat(hit.evaluationKey()).hasSize(WindowFamily.KEY_PREFIX_LENGTH + group.length())
                    .isEqualTo(RuleHit.key(family, group));
            assertThat(hit.groupValue()).isEqualTo(group);
        }
    }

    @Test
    void noFamilyHasTheIdThatMarksStateFromBeforeIds() {
        assertThat(WindowFamily.id("any description")).isNotEqualTo(WindowFamily.NONE);
        assertThat(WindowFamily.keyPrefix(WindowFamily.NONE)).hasSize(WindowFamily.KEY_PREFIX_LENGTH);
    }
}
