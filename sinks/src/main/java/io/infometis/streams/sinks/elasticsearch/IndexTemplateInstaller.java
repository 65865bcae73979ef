package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.ConfigKey;
import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import java.time.Duration;
import java.util.List;

/**
 * Installs every index template, for deployments that prepare Elasticsearch before the jobs start (the Kubernetes
 * template Job). Same {@code --elasticsearch.*} arguments as the jobs, plus {@code --elasticsearch.wait}: how long
 * to retry while Elasticsearch is still starting. Exit code 0 when all are installed, 1 otherwise.
 */
public final class IndexTemplateInstaller {

    static final ConfigKey<Duration> WAIT = ConfigKey.duration("elasticsearch.wait", Duration.ZERO,
            "How long to keep retrying while Elasticsearch does not answer");

    private IndexTemplateInstaller() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        ElasticsearchSettings settings;
        Duration wait;
        try {
            JobConfig config = JobConfig.fromArgs(args);
            config.validate(List.of(CommonKeys.ELASTICSEARCH_HOSTS, CommonKeys.ELASTICSEARCH_USERNAME,
                    CommonKeys.ELASTICSEARCH_PASSWORD, CommonKeys.ELASTICSEARCH_INDEX_REPLICAS, WAIT));
            settings = ElasticsearchSettings.fromConfig(config);
            wait = config.get(WAIT);
        } catch (InvalidConfigurationException e) {
            System.err.println("ERROR " + e.getMessage());
            return 1;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                List<String> installed = IndexTemplates.installAll(settings);
                System.out.println("Installed index templates " + installed + " into " + settings.hosts());
                return 0;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    System.err.println("ERROR cannot install the index templates: " + e.getMessage());
                    return 1;
                }
                Thread.sleep(2000);
            }
        }
    }
}
