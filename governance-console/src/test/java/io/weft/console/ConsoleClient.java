package io.weft.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A REST client of one console with its own cookie jar (one browser session). */
final class ConsoleClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String csrfToken = "";

    /** An answer: status, body as JSON (or null) and headers. */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    ConsoleClient(GovernanceConsole console) {
        this.base = console.url().replaceAll("/$", "");
    }

    /** A client of {@code console} logged in with {@link Mesh#PASSWORD}. */
    static ConsoleClient loggedIn(GovernanceConsole console) {
        ConsoleClient client = new ConsoleClient(console);
        Answer answer = client.login(Mesh.PASSWORD);
        if (answer.status() != 200) {
            throw new AssertionError("login failed: " + answer.status() + " " + answer.raw().body());
        }
        return client;
    }

    Answer login(String password) {
        Answer answer = send("POST", "/api/login", "{\"password\":" + quote(password) + "}", null);
        if (answer.status() == 200) {
            csrfToken = answer.json().path("csrfToken").asText();
        }
        return answer;
    }

    Answer get(String path) {
        return send("GET", path, null, null);
    }

    Answer send(String method, String path, String body, String ifMatch) {
        return send(method, path, body, ifMatch, csrfToken);
    }

    Answer send(String method, String path, String body, String ifMatch, String csrf) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (!method.equals("GET") && csrf != null) {
            request.header(GovernanceConsole.CSRF_HEADER, csrf);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text.isEmpty() || !text.startsWith("{") ? null : JSON.readTree(text);
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
