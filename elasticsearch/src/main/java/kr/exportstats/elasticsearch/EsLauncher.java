package kr.exportstats.elasticsearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.Version;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.index.mapper.MapperExtrasPlugin;
import org.elasticsearch.join.ParentJoinPlugin;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.reindex.ReindexPlugin;
import org.elasticsearch.script.mustache.MustachePlugin;
import org.elasticsearch.search.aggregations.matrix.MatrixAggregationPlugin;
import org.elasticsearch.transport.Netty4Plugin;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts a single-node Elasticsearch 7.17 from the jars on the classpath, without the ES distribution
 * (no bin/, no modules/ directory, no Bootstrap, no security manager). Meant for dev/test/CI only;
 * see docs/adr/0001-elasticsearch-from-maven-jars.md.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' kr.exportstats.elasticsearch.EsLauncher \
 *      --data-dir DIR [--http-port 9200] [-E setting=value ...]
 * </pre>
 *
 * Layout under DIR: config/ (log4j2.properties written here on every start, optional elasticsearch.yml),
 * data/, logs/ (elasticsearch.log, deprecation log), empty modules/ and plugins/.
 */
public final class EsLauncher {

    /**
     * The modules we have as "-client" jars on Maven Central. The distribution would load them from
     * modules/ with their own class loaders; here they are plain classpath plugins.
     * Not available as jars: lang-painless, analysis-common (and the analysis-nori plugin).
     */
    static final List<Class<? extends Plugin>> PLUGINS = List.of(
        Netty4Plugin.class,            // HTTP + transport; without it the node has no REST API
        ReindexPlugin.class,           // _reindex, _update_by_query, _delete_by_query
        MapperExtrasPlugin.class,      // scaled_float, search_as_you_type, rank_feature(s), token_count
        MatrixAggregationPlugin.class, // matrix_stats
        ParentJoinPlugin.class,        // join field type
        MustachePlugin.class           // search templates
    );

    /** Node's plugin-list constructor is protected; it exists for exactly this use (tests, embedding). */
    static final class EmbeddedNode extends Node {
        EmbeddedNode(Environment environment) {
            super(environment, PLUGINS, true /* forbid private index settings, as in production */);
        }
    }

    public static void main(String[] args) throws Exception {
        // Keep the real console: LogConfigurator redirects System.out/err into log4j.
        final PrintStream console = System.out;
        final PrintStream errConsole = System.err;

        // Must be set before any netty / log4j class is initialised. Same values the ES distribution
        // puts on the JVM command line (its "system JVM options"); -D on the command line wins.
        setDefaultProperty("log4j.shutdownHookEnabled", "false"); // we stop log4j ourselves, after the node is closed
        setDefaultProperty("log4j2.disable.jmx", "true");
        setDefaultProperty("log4j2.formatMsgNoLookups", "true");
        setDefaultProperty("io.netty.noUnsafe", "true");
        setDefaultProperty("io.netty.noKeySetOptimization", "true");
        setDefaultProperty("io.netty.recycler.maxCapacityPerThread", "0");
        setDefaultProperty("io.netty.allocator.numDirectArenas", "0");
        // Catches log4j errors that happen before logging is configured (Bootstrap does the same first thing).
        LogConfigurator.registerErrorListener();

        Path dataDir = null;
        int httpPort = 9200;
        final Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir": dataDir = Paths.get(args[++i]).toAbsolutePath().normalize(); break;
                case "--http-port": httpPort = Integer.parseInt(args[++i]); break;
                case "-E": {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq <= 0) throw new IllegalArgumentException("-E expects setting=value, got: " + kv);
                    overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
                    break;
                }
                default: throw new IllegalArgumentException("unknown argument: " + args[i]
                    + " (usage: --data-dir DIR [--http-port N] [-E setting=value ...])");
            }
        }
        if (dataDir == null) throw new IllegalArgumentException("--data-dir is required");

        final Path configDir = dataDir.resolve("config");
        for (String sub : List.of("config", "data", "logs", "modules", "plugins")) {
            Files.createDirectories(dataDir.resolve(sub));
        }
        // Written on every start so a changed launcher brings its logging config along.
        try (InputStream in = EsLauncher.class.getResourceAsStream("/es-log4j2.properties")) {
            Files.copy(in, configDir.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }

        final Settings settings = Settings.builder()
            .put("cluster.name", "exportstats-dev")
            .put("node.name", "es-dev")
            .put("path.home", dataDir.toString())
            .put("path.data", dataDir.resolve("data").toString())
            .put("path.logs", dataDir.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", "9300-9399")
            .put("discovery.type", "single-node")
            // A nearly full dev/CI disk must not turn indices read-only (flood stage) or leave shards
            // unassigned (low/high watermarks): switch the disk-based allocation decider off.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();

        // Same steps as the distribution: read config/elasticsearch.yml if present, apply -E overrides on top.
        final Environment env = InternalSettingsPreparer.prepareEnvironment(settings, overrides, configDir, () -> "es-dev");
        LogConfigurator.setNodeName(Node.NODE_NAME_SETTING.get(env.settings()));
        LogConfigurator.configure(env); // logs go to <data-dir>/logs/<cluster.name>.log

        final CountDownLatch stopped = new CountDownLatch(1);
        final Node[] nodeRef = new Node[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Node node = nodeRef[0];
                if (node != null) {
                    node.close(); // flushes and closes shards, releases the data dir lock
                    if (node.awaitClose(20, TimeUnit.SECONDS) == false) {
                        errConsole.println("elasticsearch: node did not close within 20s");
                    }
                }
            } catch (Exception e) {
                e.printStackTrace(errConsole);
            } finally {
                console.println("elasticsearch: stopped");
                // log4j's own shutdown hook is disabled so the node can still log while closing.
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
                stopped.countDown();
            }
        }, "es-shutdown"));

        try {
            Node node = new EmbeddedNode(env);
            nodeRef[0] = node;
            node.start();
            String http = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().toString();
            console.printf("elasticsearch: %s node [%s] of cluster [%s] started, http://%s, pid %d, data %s%n",
                Version.CURRENT, Node.NODE_NAME_SETTING.get(env.settings()),
                env.settings().get("cluster.name"), http, ProcessHandle.current().pid(), dataDir);
        } catch (Throwable t) {
            errConsole.println("elasticsearch: failed to start: " + t);
            t.printStackTrace(errConsole);
            System.exit(1); // runs the shutdown hook, which closes whatever was started
        }
        // ES threads are daemon threads; keep the JVM alive until the shutdown hook has run.
        stopped.await();
    }

    private static void setDefaultProperty(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
