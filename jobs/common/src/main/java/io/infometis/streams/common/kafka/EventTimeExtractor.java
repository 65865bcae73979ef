package io.infometis.streams.common.kafka;

import java.io.Serializable;

/** The event time (epoch millis) of a decoded record; jobs run on it. */
@FunctionalInterface
public interface EventTimeExtractor<T> extends Serializable {
    long eventTime(T record);
}
