package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/** Usage errors exit 2 with a message on stderr, before any registry is contacted. */
class CliUsageTest {
    @Test
    void noCommandPrintsTheUsageAndExits2() {
        assertUsageError().contains("Usage: weft").contains("ls").contains("describe").contains("rules");
    }

    @Test
    void unknownCommandExits2NamingIt() {
        assertUsageError("lst").contains("lst");
    }

    @Test
    void missingArgumentExits2() {
        assertUsageError("rules", "put", "io.weft.demo.Greeter", "routing").contains("FILE");
    }

    @Test
    void unknownRuleKindExits2NamingTheKinds() {
        assertUsageError("rules", "get", "io.weft.demo.Greeter", "routes", "--registry", "zookeeper://127.0.0.1:1")
                .contains("'routes'").contains("routing, throttling, faults or security");
    }

    @Test
    void rmWithoutIfRevisionExits2() {
        assertUsageError("rules", "rm", "io.weft.demo.Greeter", "routing").contains("--if-revision");
    }

    @Test
    void noRegistryExits2SayingHowToGiveOne() {
        assertUsageError("ls").contains("--registry").contains("weft.registry.address");
    }

    @Test
    void malformedRegistryAddressExits2() {
        assertUsageError("ls", "--registry", "redis://x").contains("redis");
    }

    @Test
    void registryOptionWorksBeforeTheSubcommandToo() {
        assertUsageError("--registry", "nonsense", "ls").contains("nonsense");
    }

    @Test
    void helpExits0() {
        Cli.Result result = Cli.run("rules", "put", "--help");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("--if-revision").contains("--user");
    }

    /** Runs {@code weft args}, which must exit 2; assertions on what it printed to stderr follow. */
    private static AbstractStringAssert<?> assertUsageError(String... args) {
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        return assertThat(result.err());
    }
}
