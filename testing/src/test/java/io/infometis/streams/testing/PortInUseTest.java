package io.infometis.streams.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.ElasticsearchServer;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.KafkaBroker;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.SchemaRegistryServer;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.StackLayout;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting a server on a port someone else listens on fails before anything is spawned, naming server and port. */
class PortInUseTest {

    @TempDir
    Path dir;

    @Test
    void kafkaOnATakenPortFailsNamingKafkaAndThePort() throws Exception {
        try (ServerSocket taken = listen()) {
            KafkaBroker kafka = new KafkaBroker(layout(), taken.getLocalPort(), Ports.free(), Topics.all());
            assertThatThrownBy(kafka::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("kafka")
                    .hasMessageContaining("broker port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void registryOnATakenPortFailsNamingTheRegistryAndThePort() throws Exception {
        try (ServerSocket taken = listen()) {
            SchemaRegistryServer registry = new SchemaRegistryServer(layout(), taken.getLocalPort());
            assertThatThrownBy(registry::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("registry: http port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void elasticsearchOnATakenTransportPortFailsNamingIt() throws Exception {
        try (ServerSocket taken = listen()) {
            ElasticsearchServer es = new ElasticsearchServer(layout(), Ports.free(), taken.getLocalPort());
            assertThatThrownBy(es::start)
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("elasticsearch: transport port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    private StackLayout layout() {
        return StackLayout.under(InfometisHome.locate(), dir, false);
    }

    private static ServerSocket listen() throws Exception {
        return new ServerSocket(0, 1, InetAddress.getByName(Ports.HOST));
    }
}
