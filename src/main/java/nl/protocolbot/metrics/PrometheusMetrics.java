package nl.protocolbot.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import nl.protocolbot.answer.Answer;

/**
 * {@link Metrics} on Micrometer's Prometheus registry, plus the JVM's basics (memory, GC, threads, classes, CPU,
 * uptime, open files). Every labelled series is registered at start with its fixed label values, so a scraper
 * sees zeros instead of missing series.
 */
public final class PrometheusMetrics implements Metrics, AutoCloseable {
    /** Answer latency buckets, from well under the usual millisecond to Teams' 5 s limit and beyond. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<Platform, Map<Answer.Status, Counter>> questions = new EnumMap<>(Platform.class);
    private final Map<Platform, Timer> latency = new EnumMap<>(Platform.class);
    private final Map<Platform, Map<Vote, Counter>> votes = new EnumMap<>(Platform.class);
    private final Map<Platform, Map<Shed, Counter>> shed = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> retries = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> lost = new EnumMap<>(Platform.class);
    private final Map<Reload, Counter> reloads = new EnumMap<>(Reload.class);

  public   PrometheusMetrics() {
        for (Platform p : Platform.values()) {
            questions.put(p, byEnum(Answer.Status.class, s -> Counter.builder("protocolbot.questions")
                    .description("Questions answered, by platform and outcome (answered, nothing_found, not_in_protocol, "
                            + "empty_question)")
                    .tag("platform", p.label()).tag("outcome", label(s)).register(registry)));
            latency.put(p, Timer.builder("protocolbot.answer")
                    .description("Time from receiving a question to its reply being delivered")
                    .tag("platform", p.label()).serviceLevelObjectives(BUCKETS).register(registry));
            votes.put(p, byEnum(Vote.class, v -> Counter.builder("protocolbot.votes").description("Votes on answers")
                    .tag("platform", p.label()).tag("vote", label(v)).register(registry)));
            shed.put(p, byEnum(Shed.class, h -> Counter.builder("protocolbot.events.shed")
                    .description("Questions shed under load: a busy notice instead of an answer, or refused for a "
                            + "retry").tag("platform", p.label()).tag("how", label(h)).register(registry)));
            retries.put(p, Counter.builder("protocolbot.post.retries").description("Posts to the platform tried again")
                    .tag("platform", p.label()).register(registry));
            lost.put(p, Counter.builder("protocolbot.posts.lost")
                    .description("Posts given up after their retries: replies that never arrived")
                    .tag("platform", p.label()).register(registry));
        }
        for (Reload r : Reload.values()) {
            reloads.put(r, Counter.builder("protocolbot.corpus.reloads")
                    .description("Corpus changes loaded, or refused because they did not pass the check")
                    .tag("outcome", label(r)).register(registry));
        }
        // Micrometer's processor binder exports two names promtool's lint rejects: a gauge ending in "_count"
        // (system_cpu_count) and a time in nanoseconds (process_cpu_time_ns_total). The first is renamed, the second
        // is exported in seconds instead.
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.logical.processors") : id;
            }
        });
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9)
                    .description("CPU time used by the process").baseUnit("seconds").register(registry);
        }
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    private static <E extends Enum<E>> Map<E, Counter> byEnum(Class<E> type, java.util.function.Function<E, Counter> f) {
        Map<E, Counter> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, f.apply(e));
        }
        return m;
    }

    private static String label(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void answered(Platform platform, Answer.Status status, Duration time) {
        questions.get(platform).get(status).increment();
        latency.get(platform).record(time);
    }

    @Override
    public void voted(Platform platform, Vote vote) {
        votes.get(platform).get(vote).increment();
    }

    @Override
    public void shed(Platform platform, Shed how) {
        shed.get(platform).get(how).increment();
    }

    @Override
    public void retried(Platform platform) {
        retries.get(platform).increment();
    }

    @Override
    public void lost(Platform platform) {
        lost.get(platform).increment();
    }

    @Override
    public void corpus(Reload reload) {
        reloads.get(reload).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
