package nl.protocolbot.server;

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

    Health(Supplier<Optional<LiveCorpus.Version>> corpus, BooleanSupplier stopping) {
        this.corpus = corpus;
        this.stopping = stopping;
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
        o.addProperty("status", "ok");
        o.addProperty("articles", v.articles());
        o.addProperty("protocols", v.protocols());
        JsonObject c = new JsonObject();
        c.addProperty("version", v.fingerprint());
        c.addProperty("loadedAt", v.loadedAt().toString());
        o.add("corpus", c);
        return Reply.json(200, o.toString());
    }
}
