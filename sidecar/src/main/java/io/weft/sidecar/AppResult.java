package io.weft.sidecar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.weft.RpcException;
import io.weft.Status;
import java.io.IOException;

/**
 * The result of a call from the application's 2xx answer (DESIGN §9): the body must be one JSON
 * value, since it goes to the consumer as a JSON response body as it is; an empty body is
 * {@code null}. Anything else is {@code INTERNAL} with a message naming the problem, so the consumer
 * sees what went wrong instead of failing to decode the result. Thread-safe.
 */
final class AppResult {
    private static final JsonFactory JSON = new JsonFactory();
    private static final int EXCERPT_CHARS = 200;

    private AppResult() {}

    /**
     * The JSON result of {@code service/method}.
     *
     * @throws RpcException {@code INTERNAL} when {@code body} is not one JSON value
     */
    static String of(String service, String method, int httpStatus, String body) {
        if (body == null || body.isBlank()) {
            return "null";
        }
        String problem = problem(body);
        if (problem != null) {
            throw new RpcException(Status.INTERNAL, "application returned non-JSON body for " + service + "/" + method
                    + " (HTTP " + httpStatus + ", " + problem + "): " + excerpt(body));
        }
        return body;
    }

    /** Null when {@code text} is exactly one JSON value (whitespace around it allowed), else what is wrong. */
    static String problem(String text) {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return "no value";
            }
            parser.skipChildren();
            return parser.nextToken() == null ? null : "more than one value";
        } catch (IOException e) {
            return "not valid JSON";
        }
    }

    private static String excerpt(String body) {
        return body.length() > EXCERPT_CHARS ? body.substring(0, EXCERPT_CHARS) + "…" : body;
    }
}
