package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.ksql.catalog.Catalog;
import io.infometis.streams.ksql.check.KafkaTopicManifests;
import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.check.ScriptChecks;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The build's checks of the numbered scripts in ksql/, against the topic catalogue and the Avro schemas. */
class ScriptsCheckTest {

    static final KsqlProject PROJECT = KsqlProject.fromWorkingDirectory();

    static Set<String> catalogueTopics() {
        return Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
    }

    static Optional<Schema> valueSchema(String topic) {
        return Topics.byName(topic).map(TopicSpec::valueSchema);
    }

    static String report(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ", "\n  ", "\n"));
    }

    @Test
    void scriptsAreNumberedAndHaveHeaders() {
        assertThat(PROJECT.scripts()).extracting(KsqlProject.ScriptFile::name)
                .isSortedAccordingTo(String::compareTo)
                .contains("010-source-streams.sql", "150-customer-overview.sql");
        List<Problem> problems = ScriptChecks.scriptShape(PROJECT.scripts());
        assertThat(problems).as(report(problems)).isEmpty();
    }

    @Test
    void everyStatementResolvesInRunOrder() {
        List<Problem> problems = Catalog.of(PROJECT.scriptStatements(), ScriptsCheckTest::valueSchema).problems();
        assertThat(problems).as(report(problems)).isEmpty();
    }

    @Test
    void everyTopicReadIsInTheCatalogueAndTheKafkaTopicManifests() {
        Optional<Set<String>> manifests = KafkaTopicManifests.topicsUnder(PROJECT.root().resolveSibling("k8s"));
        List<Problem> problems = ScriptChecks.topics(PROJECT.scriptStatements(), catalogueTopics(), manifests);
        assertThat(problems).as(report(problems)).isEmpty();
    }

    @Test
    void everyDeclaredColumnMatchesTheAvroSchemaOfItsTopic() {
        List<Problem> problems = ScriptChecks.avroColumns(PROJECT.scriptStatements(), ScriptsCheckTest::valueSchema);
        assertThat(problems).as(report(problems)).isEmpty();
    }

    @Test
    void noNameIsAKsqlKeyword() {
        List<Problem> problems = ScriptChecks.reservedWords(PROJECT.scriptStatements());
        assertThat(problems).as(report(problems)).isEmpty();
    }

    @Test
    void everyPersistentQueryNamesItsOutputTopic() {
        List<ParsedStatement.CreateAsSelect> queries = PROJECT.scriptStatements().stream()
                .filter(ParsedStatement.CreateAsSelect.class::isInstance).map(ParsedStatement.CreateAsSelect.class::cast)
                .toList();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(7);
        assertThat(queries).allSatisfy(q -> assertThat(q.properties()).as(q.statement().where())
                .containsKey("KAFKA_TOPIC"));
    }
}
