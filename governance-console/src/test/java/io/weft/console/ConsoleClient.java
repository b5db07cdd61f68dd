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
    private final HttpClient http;
    private String csrfToken = "";

    /** An answer: status, body as JSON (or null) and headers. */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    ConsoleClient(GovernanceConsole console) {
        this(console, null);
    }

    /** A client that trusts {@code tls} for an HTTPS console (null: the JDK's defaults). */
    ConsoleClient(GovernanceConsole console, javax.net.ssl.SSLContext tls) {
        this.base = console.url().replaceAll("/$", "");
        HttpClient.Builder builder = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
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

    private String bearer;
    private String forwardedFor;

    /** Sends {@code X-Forwarded-For: value} with every request from now on. */
    ConsoleClient forwardedFor(String value) {
        this.forwardedFor = value;
        return this;
    }

    /** A client of {@code console} that sends {@code token} as {@code Authorization: Bearer} (no cookie). */
    static ConsoleClient withToken(GovernanceConsole console, String token) {
        ConsoleClient client = new ConsoleClient(console);
        client.bearer = token;
        return client;
    }

    /** As this (admin) client: creates user {@code name} with {@code role} and {@code password}, or fails. */
    void putUser(String name, String role, String password) {
        Answer answer = send("PUT", "/api/users/" + name, "{\"role\":" + quote(role) + ",\"password\":"
                + quote(password) + "}", null);
        if (answer.status() != 200) {
            throw new AssertionError("cannot create user " + name + ": " + answer.status() + " " + answer.raw().body());
        }
    }

    Answer login(String password) {
        return login("admin", password);
    }

    Answer login(String user, String password) {
        Answer answer = send("POST", "/api/login", "{\"username\":" + quote(user) + ",\"password\":" + quote(password)
                + "}", null);
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
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
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
