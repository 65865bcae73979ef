package io.infometis.streams.metrics.users;

import io.infometis.streams.events.UserEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Distinct users with any account event (login, failed login, logout, credential change) in the window. */
public class ActiveUsersAggregate implements AggregateFunction<UserEvent, DistinctUsers, DistinctUsers> {

    private static final long serialVersionUID = 1L;

    @Override
    public DistinctUsers createAccumulator() {
        return new DistinctUsers();
    }

    @Override
    public DistinctUsers add(UserEvent event, DistinctUsers acc) {
        acc.add(event.getUserId());
        return acc;
    }

    @Override
    public DistinctUsers getResult(DistinctUsers acc) {
        return acc;
    }

    @Override
    public DistinctUsers merge(DistinctUsers a, DistinctUsers b) {
        a.users.putAll(b.users);
        return a;
    }
}
