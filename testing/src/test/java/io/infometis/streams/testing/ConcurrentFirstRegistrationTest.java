package io.infometis.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writers that start together and each register the same new subject, as parallel Flink subtasks or a job and the
 * generator do: on the real Apicurio, every one of them gets the one schema id (the losers of the race are refused
 * with 409 at first, which RegistrySerdes retries).
 */
class ConcurrentFirstRegistrationTest {

    private static final int WRITERS = 8;

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().registry().build();

    @Test
    void writersRegisteringOneNewSubjectAtOnceAllGetItsSchemaId() throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(STACK.registryUrl(), Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int round = 0; round < 5; round++) {
                TopicSpec topic = renamed(Topics.USER_EVENTS, "race-" + round + "-" + System.nanoTime());
                CyclicBarrier start = new CyclicBarrier(WRITERS);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    SerializationSchema<UserEvent> writer = serdes.serializer(UserEvent.class, topic);
                    ids.add(pool.submit(() -> {
                        start.await();
                        return ByteBuffer.wrap(writer.serialize(event())).getInt(1);
                    }));
                }
                Set<Integer> distinct = new HashSet<>();
                for (Future<Integer> id : ids) {
                    distinct.add(id.get());
                }
                assertThat(distinct).as("schema ids of round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static TopicSpec renamed(TopicSpec spec, String name) {
        return new TopicSpec(name, spec.partitions(), spec.compacted(), spec.retention(), spec.valueSchema(),
                spec.keyDescription(), spec.description());
    }

    private static UserEvent event() {
        return UserEvent.newBuilder()
                .setEventId("e-1").setEventTime(Instant.parse("2026-01-02T03:04:05.678Z")).setUserId("u-1")
                .setType(UserEventType.LOGIN).setIp("10.0.0.1").setCountry("NL").setDeviceId("d-1")
                .build();
    }
}
