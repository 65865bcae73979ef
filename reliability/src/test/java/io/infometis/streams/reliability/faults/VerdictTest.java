package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verdict is what makes the suite fail: each kind of damage must show in its own count. */
class VerdictTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GroundTruth truth = new GroundTruth();
    private Map<String, Integer> outputs;
    private Map<String, Integer> letters;
    private Map<String, JsonNode> documents;

    @BeforeEach
    void oneOrderTwoEventsOnePoisonPill() {
        truth.profile("u-1", "GOLD");
        truth.orderEvent("o-1", "u-1", "o-1-CREATED", "CREATED", 1000);
        truth.orderEvent("o-1", "u-1", "o-1-PAID", "PAID", 1500);
        truth.poison("poison-1");
        outputs = new HashMap<>(Map.of("o-1|o-1-CREATED", 1, "o-1|o-1-PAID", 1));
        letters = new HashMap<>(Map.of("poison-1", 1));
        documents = new HashMap<>(Map.of("o-1", doc("o-1-PAID", "PAID", 1500, true, "GOLD")));
    }

    @Test
    void exactlyTheExpectedOutputIsClean() {
        Observed.Verdict v = verdict();
        assertThat(v.clean()).isTrue();
        assertThat(v.eventsIn()).isEqualTo(2);
        assertThat(v.outputRecords()).isEqualTo(2);
    }

    @Test
    void aMissingRecordIsLostAndATwiceCommittedOneIsADuplicate() {
        outputs.remove("o-1|o-1-CREATED");
        outputs.put("o-1|o-1-PAID", 2);
        Observed.Verdict v = verdict();
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.duplicates()).isEqualTo(1);
        assertThat(v.clean()).isFalse();
    }

    @Test
    void outputNobodyExpectedIsCounted() {
        outputs.put("o-9|o-9-CREATED", 1);
        assertThat(verdict().unexpected()).isEqualTo(1);
        assertThat(verdict().clean()).isFalse();
    }

    @Test
    void aDocumentShowingAnOlderEventOrNoProfileIsStale() {
        documents.put("o-1", doc("o-1-CREATED", "CREATED", 1000, true, "GOLD"));
        assertThat(verdict().documentsStale()).isEqualTo(1);
        documents.put("o-1", doc("o-1-PAID", "PAID", 1500, false, null));
        assertThat(verdict().documentsStale()).isEqualTo(1);
        documents.put("o-1", doc("o-1-PAID", "PAID", 1500, true, "BRONZE"));
        assertThat(verdict().documentsStale()).isEqualTo(1);
    }

    @Test
    void missingAndExtraDocumentsAreWrong() {
        documents.remove("o-1");
        documents.put("poison-1", doc("x", "CREATED", -1, false, null));
        assertThat(verdict().documentsWrong()).isEqualTo(2);
    }

    @Test
    void poisonMissingTwiceOrAGoodRecordInTheDlqIsCounted() {
        letters.put("poison-1", 2);
        letters.put("o-1", 1);
        Observed.Verdict v = verdict();
        assertThat(v.letterDuplicates()).isEqualTo(1);
        assertThat(v.unexpectedLetters()).isEqualTo(1);
        letters.remove("poison-1");
        assertThat(verdict().lettersLost()).isEqualTo(1);
    }

    private Observed.Verdict verdict() {
        return new Observed(outputs, letters, documents).against(truth);
    }

    private static JsonNode doc(String eventId, String status, long amount, boolean enriched, String tier) {
        var node = JSON.createObjectNode().put("order_id", "o-1").put("user_id", "u-1").put("last_event_id", eventId)
                .put("status", status).put("amount", amount).put("enriched", enriched);
        if (tier != null) {
            node.put("customer_tier", tier);
        }
        return node;
    }
}
