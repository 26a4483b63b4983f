package nl.protocolbot.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The route table as a web page would use it, on a real Jetty on 127.0.0.1. */
class RoutesTest {
    static JettyServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new JettyServer("127.0.0.1", 0, new JettyServer.Limits(1024, 8192, 100, Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
        server.routes()
                .exact("/", HttpEndpoint.Method.GET_HEAD, call -> HttpEndpoint.Reply.html(200, "<h1>home</h1>"))
                .prefix("/artikel/", HttpEndpoint.Method.GET_HEAD, call -> HttpEndpoint.Reply.text(200,
                        "artikel " + call.path().substring("/artikel/".length()) + " q=" + call.query().get("q")))
                .prefix("/beheer", HttpEndpoint.Method.GET_POST, call -> "POST".equals(call.method())
                        ? HttpEndpoint.Reply.redirect("/beheer").with("Set-Cookie", "s=" + call.form().get("naam")
                                .get(0) + "; HttpOnly; Path=/")
                        : HttpEndpoint.Reply.text(200, "beheer " + call.path() + " " + call.cookie("s").orElse("-")))
                .handler("/raw", new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) {
                        response.write(true, ByteBuffer.wrap("raw".getBytes(StandardCharsets.UTF_8)), callback);
                        return true;
                    }
                });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(1));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    }

    @Test
    void exactRootPrefixesAndRawHandlers() throws Exception {
        HttpResponse<String> home = send(at("/"));
        assertEquals(200, home.statusCode());
        assertEquals("<h1>home</h1>", home.body());
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElse(""));
        assertEquals("artikel aurora/3.5 q=[foto]", send(at("/artikel/aurora/3.5?q=foto")).body());
        assertEquals("beheer /beheer -", send(at("/beheer")).body());
        assertEquals("beheer /beheer/stemmen -", send(at("/beheer/stemmen")).body());
        assertEquals("raw", send(at("/raw")).body());
        assertEquals(404, send(at("/onbekend")).statusCode());
        assertEquals(404, send(at("/rawx")).statusCode());
    }

    @Test
    void formsCookiesAndRedirects() throws Exception {
        HttpResponse<String> posted = send(at("/beheer").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("naam=juf+Anna%21")));
        assertEquals(303, posted.statusCode());
        assertEquals("/beheer", posted.headers().firstValue("Location").orElse(""));
        assertEquals("s=juf Anna!; HttpOnly; Path=/", posted.headers().firstValue("Set-Cookie").orElse(""));
        assertEquals("beheer /beheer abc", send(at("/beheer").header("Cookie", "x=1; s=abc")).body());
    }

    @Test
    void methodsBodiesAndHead() throws Exception {
        HttpResponse<String> wrong = send(at("/artikel/a/1").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertEquals(405, wrong.statusCode());
        assertEquals("GET, HEAD", wrong.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> head = send(at("/").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("13", head.headers().firstValue("Content-Length").orElse(""));
        HttpResponse<String> big = send(at("/beheer").POST(HttpRequest.BodyPublishers.ofString("a".repeat(1025))));
        assertEquals(413, big.statusCode());
    }
}
