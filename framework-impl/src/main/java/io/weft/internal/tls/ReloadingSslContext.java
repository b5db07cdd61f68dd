package io.weft.internal.tls;

import io.netty.handler.ssl.SslContext;
import io.weft.WeftConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link SslContext} rebuilt when its files change: each {@link #get()} (once per new
 * connection) stats the files, and when a modification time or size differs from the loaded
 * version it builds a new context and swaps it in; connections already open keep theirs.
 *
 * <p>Thread-safe. A build that fails at construction throws a {@link WeftConfigException} naming
 * the keys and files; a reload that fails (say, a half-written file) is logged once per version of
 * the files and the previous context stays in use.
 */
final class ReloadingSslContext {
    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    /** Builds a context from the files; may throw anything. */
    @FunctionalInterface
    interface Builder {
        SslContext build() throws Exception;
    }

    private final String description;
    private final List<Path> files;
    private final Builder builder;
    private volatile Loaded loaded;
    private volatile List<Object> failedVersion;

    /**
     * @param description what the files are, as configured ({@code key='value'} pairs) for messages
     * @param files the files to watch (nulls are skipped)
     */
    ReloadingSslContext(String description, List<Path> files, Builder builder) {
        this.description = description;
        this.files = files.stream().filter(Objects::nonNull).toList();
        this.builder = builder;
        List<Object> version = version();
        try {
            this.loaded = new Loaded(builder.build(), version);
        } catch (Exception e) {
            throw new WeftConfigException("invalid configuration " + description + ": cannot load: " + e.getMessage());
        }
    }

    /** The context for a new connection: the newest that loaded. */
    SslContext get() {
        Loaded current = loaded;
        List<Object> version = version();
        if (version.equals(current.version) || version.equals(failedVersion)) {
            return current.context;
        }
        synchronized (this) {
            current = loaded;
            if (version.equals(current.version) || version.equals(failedVersion)) {
                return current.context;
            }
            try {
                loaded = new Loaded(builder.build(), version);
                log.info("reloaded TLS material ({}): new connections use it", description);
                return loaded.context;
            } catch (Exception e) {
                failedVersion = version;
                log.warn("cannot reload TLS material ({}), keeping the previous one: {}", description, e.toString());
                return current.context;
            }
        }
    }

    /** Modification time and size of each file; an unreadable file counts as "unchanged so far". */
    private List<Object> version() {
        List<Object> version = new ArrayList<>(files.size() * 2);
        for (Path f : files) {
            try {
                version.add(Files.getLastModifiedTime(f).toMillis());
                version.add(Files.size(f));
            } catch (IOException e) {
                Loaded l = loaded;
                return l == null ? List.of() : l.version;
            }
        }
        return version;
    }

    private record Loaded(SslContext context, List<Object> version) {}
}
