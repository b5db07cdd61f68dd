package io.weft.sidecar;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The test application in another language: {@code py_app.py} run by a real {@code python3} process. */
final class PythonApp implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    final int port;

    private PythonApp(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test (with the reason) when {@code python3} is not installed. */
    static void assumePython() {
        boolean found;
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            found = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            found = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = false;
        }
        assumeTrue(found, "python3 is not installed (Debian: apt-get install python3): the sidecar tests need a "
                + "real non-JVM application (DESIGN §8)");
    }

    static PythonApp start(String name) throws IOException {
        Path script = Files.createTempFile("py_app", ".py");
        try (InputStream in = PythonApp.class.getResourceAsStream("/py_app.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
        Process process = new ProcessBuilder("python3", "-u", script.toString(), name)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("port ")) {
            process.destroyForcibly();
            throw new IllegalStateException("py_app.py did not start: " + first);
        }
        return new PythonApp(process, Integer.parseInt(first.substring(5).trim()));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Makes {@code /health} fail (503) or pass again. */
    void healthy(boolean healthy) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url() + (healthy ? "/admin/well"
                : "/admin/sick"))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("py_app admin answered " + r.statusCode());
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would end it. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
