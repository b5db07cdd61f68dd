package io.weft.internal.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.weft.spi.Serialization;
import io.weft.spi.SerializationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * JSON (wire id 2, name {@code json}; DESIGN §4): UTF-8, RFC 8259, on Jackson. A request body is
 * one JSON array of the arguments, a response body the JSON return value.
 *
 * <p>Decoding is typed: a provider reads each argument into its declared parameter type through a
 * {@link JsonMethod} prepared at export; nothing in the input picks a Java class (no default typing,
 * no {@code @class}: a {@code @JsonTypeInfo} that names classes is refused). Every read is bounded
 * by {@link JsonLimits} (nesting depth, string length, number length, tokens, document size), so a
 * hostile body costs bounded memory and time and fails with a {@link SerializationException}
 * naming the problem. Types: records and beans as objects, collections and maps as arrays and
 * objects, {@code java.time} as ISO-8601 strings, {@code Optional} as its value or {@code null},
 * {@code byte[]} as base64, enums by name (numbers refused). Unknown object properties are
 * skipped, as Hessian's record evolution does.
 *
 * <p>As a {@link Serialization}, {@link #write} writes any value by its runtime type and
 * {@link #read} reads one untyped value ({@code Map}, {@code List}, {@code String}, numbers,
 * booleans). Thread-safe.
 */
public final class JsonSerialization implements Serialization {
    /** The wire id of JSON (DESIGN §4, frame byte 5). */
    public static final int ID = 2;
    public static final String NAME = "json";

    private final ObjectMapper mapper;
    private final ObjectReader untyped;
    private final ObjectReader untypedArray;
    private final JsonLimits limits;

    public JsonSerialization(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxNameLength(Math.min(limits.maxStringLength(), 50_000))
                        .maxTokenCount(limits.maxTokens())
                        .maxDocumentLength(limits.maxBodyBytes())
                        .build())
                .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(limits.maxDepth()).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .polymorphicTypeValidator(DenyAll.INSTANCE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
                .build();
        mapper.deactivateDefaultTyping();
        this.untyped = mapper.readerFor(Object.class);
        this.untypedArray = mapper.readerFor(Object[].class);
    }

    /** JSON with the default limits. */
    public static JsonSerialization withDefaults() {
        return new JsonSerialization(JsonLimits.DEFAULTS);
    }

    public JsonLimits limits() {
        return limits;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void write(Object value, OutputStream out) throws IOException {
        if (value instanceof EncodedJsonArguments encoded) {
            encoded.writeTo(out);
            return;
        }
        mapper.writeValue(out, value);
    }

    @Override
    public Object read(InputStream in) throws IOException {
        try {
            return untyped.readValue(in);
        } catch (JsonProcessingException e) {
            throw new SerializationException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The JSON arguments of a generic call as plain values ({@code String}, {@code BigInteger} /
     * {@code Integer} / {@code Long}, {@code BigDecimal}, {@code Boolean}, {@code List},
     * {@code Map}, {@code null}), which {@link #write} writes back to the same JSON.
     *
     * @throws IllegalArgumentException when {@code json} is not one JSON array (or exceeds the limits)
     */
    public Object[] parseArguments(String json) {
        try {
            Object[] args = untypedArray.readValue(json);
            if (args == null) {
                throw new IllegalArgumentException("arguments must be a JSON array, got null");
            }
            return args;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments must be one JSON array: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The JSON arguments of a generic call checked, not decoded: one streaming pass over the tokens
     * (no tree, no values) proves that {@code json} is one JSON array within the limits, and the text
     * is then sent as it is (see {@link EncodedJsonArguments}).
     *
     * @throws IllegalArgumentException when {@code json} is not one JSON array (or exceeds the limits),
     *     with the messages of {@link #parseArguments}
     */
    public EncodedJsonArguments checkArguments(String json) {
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_NULL) {
                throw new IllegalArgumentException("arguments must be a JSON array, got null");
            }
            if (first != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("arguments must be one JSON array: got "
                        + (first == null ? "no value" : describe(first)));
            }
            int depth = 1;
            while (depth > 0) { // not skipChildren(): it skips strings unchecked (numbers, depth: the parser's)
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new IllegalArgumentException("arguments must be one JSON array: unexpected end of input");
                }
                switch (token) {
                    case START_ARRAY, START_OBJECT -> depth++;
                    case END_ARRAY, END_OBJECT -> depth--;
                    case FIELD_NAME, VALUE_STRING -> {
                        if (parser.getTextLength() > limits.maxStringLength()) {
                            throw new IllegalArgumentException("arguments must be one JSON array: a string is longer"
                                    + " than " + limits.maxStringLength() + " characters");
                        }
                    }
                    default -> { }
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(
                        "arguments must be one JSON array: trailing content after the array");
            }
            return new EncodedJsonArguments(json, this);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments must be one JSON array: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("arguments must be one JSON array: " + e.getMessage(), e);
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> token.name();
        };
    }

    /** The whole body as a tree, for choosing an overload by argument count; bounded by the limits. */
    public JsonNode readTree(InputStream in) throws IOException {
        try {
            return mapper.readTree(in);
        } catch (JsonProcessingException e) {
            throw new SerializationException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Reading arguments of {@code method} and writing its result, prepared once. */
    public JsonMethod method(Method method) {
        return new JsonMethod(this, method);
    }

    /**
     * A reader of {@code type} (a method's declared parameter or result type) that reads one value
     * where the parser stands (an argument is followed by the others).
     */
    ObjectReader readerFor(Type type) {
        return mapper.readerFor(javaType(type)).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    JsonParser parser(InputStream in) throws IOException {
        return mapper.createParser(in);
    }

    JsonParser parser(JsonNode node) {
        return mapper.treeAsTokens(node);
    }

    /**
     * A reader of {@code method}'s result as the consumer sees it: the declared return type, or
     * {@code T} of a {@code CompletableFuture<T>}/{@code CompletionStage<T>}; null for void.
     */
    public ObjectReader resultReader(Method method) {
        Type type = resultType(method);
        return type == void.class || type == Void.class ? null : readerFor(type);
    }

    static Type resultType(Method method) {
        Class<?> raw = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(raw)) {
            Type generic = method.getGenericReturnType();
            if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
                return p.getActualTypeArguments()[0];
            }
            return Object.class;
        }
        return method.getGenericReturnType();
    }

    private JavaType javaType(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    /** Refuses every class named by the input: no polymorphic typing at all. */
    private static final class DenyAll extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;
        static final DenyAll INSTANCE = new DenyAll();

        @Override
        public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
            return Validity.DENIED;
        }

        @Override
        public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
            return Validity.DENIED;
        }

        @Override
        public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
            return Validity.DENIED;
        }
    }
}
