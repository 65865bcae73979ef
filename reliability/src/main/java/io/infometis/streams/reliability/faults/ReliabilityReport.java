package io.infometis.streams.reliability.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The full form's results as the Markdown table of docs/reliability.md. */
final class ReliabilityReport {

    private ReliabilityReport() {}

    static String table(List<FaultSuite.Result> results, FaultSuite.Plan plan, JobBuilds builds) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ").append(Instant.now().toString(), 0, 16).append(" UTC, ")
                .append("the real order-enrichment job (").append(plan.ordersPerBatch())
                .append(" orders, 2 events each, per fault), fraud-detection and commerce-metrics jobs (generator ")
                .append("traffic, ").append(plan.generatedEventsPerSlice())
                .append(" background events per fault), Elasticsearch outage ")
                .append(seconds(plan.elasticsearchOutage())).append(", on the 2-core machine. Counts are cumulative ")
                .append("(all traffic so far). For order-enrichment, \"expected\" counts order events ")
                .append("(one enriched record each); for fraud-detection, the injected scenarios that are due ")
                .append("(ended 45 min of event time before the newest event sent), for commerce-metrics the metric ")
                .append("ids of due windows; there ")
                .append("\"out\" counts every committed record, due or not yet.\n\n");
        md.append(builds.describe()).append("\n\n");
        md.append("| fault | job | expected | poison in | out (committed) | dead letters | ES docs | lost | "
                + "duplicates | unexpected | letters lost / duplicated / unexpected | docs missing / stale | "
                + "job failures | caught up after | verdict |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (FaultSuite.Result r : results) {
            Observed.Verdict v = r.verdict();
            md.append("| ").append(describe(r.fault(), builds)).append(" | ").append(r.job()).append(" | ")
                    .append(v.eventsIn()).append(" | ")
                    .append(v.poisonIn()).append(" | ").append(v.outputRecords()).append(" | ").append(v.deadLetters())
                    .append(" | ").append(v.documents()).append(" | ").append(v.lost()).append(" | ")
                    .append(v.duplicates()).append(" | ").append(v.unexpected()).append(" | ")
                    .append(v.lettersLost()).append(" / ").append(v.letterDuplicates()).append(" / ")
                    .append(v.unexpectedLetters()).append(" | ").append(v.documentsWrong()).append(" / ")
                    .append(v.documentsStale()).append(" | ").append(r.jobFailures() < 0 ? "?" : r.jobFailures())
                    .append(" | ").append(seconds(r.catchUp())).append(" | ")
                    .append(r.converged() ? "clean" : "NOT CLEAN")
                    .append(r.failure().map(f -> ": " + cell(f)).orElse("")).append(" |\n");
        }
        return md.toString();
    }

    /** The upgrade row names both builds when it crossed two. */
    static String describe(Fault fault, JobBuilds builds) {
        if (fault == Fault.UPGRADE && builds.acrossBuilds()) {
            return "stop with savepoint, upgrade from " + builds.previousName() + " to " + builds.currentName()
                    + ": the next build started from that savepoint";
        }
        return fault.description;
    }

    /** Text safe inside a Markdown table cell: no pipes, no line breaks. */
    static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
    }
}
