package nl.protocolbot.app;

import nl.protocolbot.http.HttpEndpoint;
import nl.protocolbot.corpus.LiveCorpus;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code GET /healthz}: 503 "starting" until the index is ready, 503 "stopping" once the server stops taking work,
 * otherwise 200 with what is loaded. For load balancers and Docker's {@code HEALTHCHECK}.
 */
final class Health implements HttpEndpoint {
    private final Supplier<Optional<LiveCorpus.Version>> corpus;
    private final BooleanSupplier stopping;
    private final Supplier<java.util.Map<String, String>> parts;

    /**
     * @param parts the parts that can be degraded while the rest serves (Slack's connection), each "ok" or what is
     *              wrong; a part that is not "ok" makes the status "degraded", still 200: the web page serves
     */
    Health(Supplier<Optional<LiveCorpus.Version>> corpus, BooleanSupplier stopping,
           Supplier<java.util.Map<String, String>> parts) {
        this.corpus = corpus;
        this.stopping = stopping;
        this.parts = parts;
    }

    @Override
    public Reply handle(Call call) {
        JsonObject o = new JsonObject();
        Optional<LiveCorpus.Version> version = corpus.get();
        if (stopping.getAsBoolean() || version.isEmpty()) {
            o.addProperty("status", version.isEmpty() ? "starting" : "stopping");
            return Reply.json(503, o.toString());
        }
        LiveCorpus.Version v = version.get();
        java.util.Map<String, String> now = new java.util.TreeMap<>(parts.get());
        o.addProperty("status", now.values().stream().allMatch("ok"::equals) ? "ok" : "degraded");
        if (!now.isEmpty()) {
            JsonObject p = new JsonObject();
            now.forEach(p::addProperty);
            o.add("parts", p);
        }
        o.addProperty("articles", v.articles());
        o.addProperty("protocols", v.protocols());
        JsonObject c = new JsonObject();
        c.addProperty("version", v.fingerprint());
        c.addProperty("loadedAt", v.loadedAt().toString());
        o.add("corpus", c);
        return Reply.json(200, o.toString());
    }
}
