package io.infometis.streams.bench.report;

import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.Throughput;

/** The fraud job over a backlog spread across this many distinct users and cards. */
public record StateScalingRow(int distinctUsersAndCards, Throughput throughput, CheckpointStats checkpoints) {}
