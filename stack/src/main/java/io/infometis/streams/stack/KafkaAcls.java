package io.infometis.streams.stack;

import io.infometis.streams.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of a secured local broker, as docs/security.md recommends for production: the jobs' user may read and
 * write the data topics, use consumer groups and transactions, and may NOT write {@code alert-rules} (only the
 * rule authors' user may; a job that could write rules could switch fraud detection off). DENY wins over ALLOW.
 */
public final class KafkaAcls {

    private KafkaAcls() {}

    public static void grantJobUser(String bootstrapServers, Map<String, String> adminProperties, String jobUser) {
        String principal = "User:" + jobUser;
        List<AclBinding> bindings = List.of(
                allow(ResourceType.TOPIC, "*", principal, AclOperation.ALL),
                allow(ResourceType.GROUP, "*", principal, AclOperation.ALL),
                allow(ResourceType.TRANSACTIONAL_ID, "*", principal, AclOperation.ALL),
                allow(ResourceType.CLUSTER, "kafka-cluster", principal, AclOperation.IDEMPOTENT_WRITE),
                new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.ALERT_RULES.name(), PatternType.LITERAL),
                        new AccessControlEntry(principal, "*", AclOperation.WRITE, AclPermissionType.DENY)));
        try (Admin admin = KafkaTopics.admin(bootstrapServers, adminProperties)) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while creating ACLs", e);
        } catch (Exception e) {
            throw new StackException("Cannot create the ACLs of " + principal + " on " + bootstrapServers + ": " + e, e);
        }
    }

    private static AclBinding allow(ResourceType type, String name, String principal, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
