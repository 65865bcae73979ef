package io.infometis.streams.reliability.faults;

/** The faults the suite can do, in the order the full form runs them. */
public enum Fault {
    TASKMANAGER_KILL("kill -9 of the TaskManager mid-stream, then a new TaskManager (recovery from checkpoint)"),
    JOBMANAGER_RESTART("kill -9 of the JobManager, new JobManager, job resubmitted from its retained checkpoint"),
    ELASTICSEARCH_DOWN("Elasticsearch stopped while traffic flows, started again after the outage"),
    KAFKA_RESTART("Kafka broker stopped and started again mid-stream"),
    POISON_BARRAGE("a barrage of poison pills, one record in ten (the job must not restart)"),
    UPGRADE("stop with savepoint, the job jar started again from that savepoint");

    final String description;

    Fault(String description) {
        this.description = description;
    }
}
