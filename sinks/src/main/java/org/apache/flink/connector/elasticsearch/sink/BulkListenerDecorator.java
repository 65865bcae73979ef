package org.apache.flink.connector.elasticsearch.sink;

import java.io.Serializable;
import org.elasticsearch.action.bulk.BulkProcessor;

/** Wraps the sink writer's bulk listener, to see every bulk response before the writer judges it. */
@FunctionalInterface
public interface BulkListenerDecorator extends Serializable {
    BulkProcessor.Listener decorate(BulkProcessor.Listener writerListener);
}
