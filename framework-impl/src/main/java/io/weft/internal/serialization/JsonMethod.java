package io.weft.internal.serialization;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/**
 * The JSON side of one exported method, prepared once at export: a reader per declared parameter
 * type (no reflection or type resolution per call) and the labels errors name them by. Reads a
 * request body — one JSON array, one element per parameter — straight from the stream, each element
 * into its parameter's type. Thread-safe.
 */
public final class JsonMethod {
    private final JsonSerialization json;
    private final String name;
    private final ObjectReader[] readers;
    private final boolean[] primitive;
    private final String[] labels;

    JsonMethod(JsonSerialization json, Method method) {
        this.json = json;
        this.name = method.getName();
        Parameter[] params = method.getParameters();
        this.readers = new ObjectReader[params.length];
        this.primitive = new boolean[params.length];
        this.labels = new String[params.length];
        for (int i = 0; i < params.length; i++) {
            readers[i] = json.readerFor(params[i].getParameterizedType());
            primitive[i] = params[i].getType().isPrimitive();
            labels[i] = "argument " + i + (params[i].isNamePresent() ? " '" + params[i].getName() + "'" : "")
                    + " (" + params[i].getParameterizedType().getTypeName() + ")";
        }
    }

    public int parameterCount() {
        return readers.length;
    }

    /**
     * Reads the arguments from one JSON array.
     *
     * @throws SerializationException naming the argument (index, name, type) that could not be read,
     *     a count that does not match, or a body that is not one array
     */
    public Object[] readArguments(InputStream body) throws IOException {
        try (JsonParser parser = json.parser(body)) {
            return read(parser);
        }
    }

    /** As {@link #readArguments(InputStream)}, from a parsed array. */
    public Object[] readArguments(JsonNode array) throws IOException {
        try (JsonParser parser = json.parser(array)) {
            return read(parser);
        }
    }

    private Object[] read(JsonParser parser) throws IOException {
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw new SerializationException("request body is not JSON: " + e.getOriginalMessage());
        }
        if (first != JsonToken.START_ARRAY) {
            throw new SerializationException("request body must be a JSON array of the arguments of " + name
                    + ", got " + (first == null ? "nothing" : first.asString() == null ? first.name() : first.asString()));
        }
        Object[] args = new Object[readers.length];
        for (int i = 0; i < readers.length; i++) {
            JsonToken t;
            try {
                t = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot decode " + labels[i] + " of " + name + ": "
                        + e.getOriginalMessage());
            }
            if (t == JsonToken.END_ARRAY || t == null) {
                throw new SerializationException(name + " takes " + readers.length + " arguments, got " + i);
            }
            if (t == JsonToken.VALUE_NULL && primitive[i]) {
                throw new SerializationException(labels[i] + " of " + name + " must not be null");
            }
            try {
                args[i] = readers[i].readValue(parser);
            } catch (JsonProcessingException e) {
                throw new SerializationException("cannot decode " + labels[i] + " of " + name + ": "
                        + e.getOriginalMessage());
            }
        }
        JsonToken end;
        try {
            end = parser.nextToken();
            if (end == JsonToken.END_ARRAY && parser.nextToken() != null) {
                throw new SerializationException("request body of " + name + " has content after the argument array");
            }
        } catch (JsonProcessingException e) {
            throw new SerializationException("malformed JSON after the arguments of " + name + ": "
                    + e.getOriginalMessage());
        }
        if (end != JsonToken.END_ARRAY) {
            throw new SerializationException(name + " takes " + readers.length + " arguments, got more");
        }
        return args;
    }
}
