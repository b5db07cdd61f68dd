package io.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage errors exit 2 with a message on stderr, before any registry is contacted. */
class CliUsageTest {
    @Test
    void noCommandPrintsTheUsageAndExits2() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("Usage: weft").contains("ls").contains("describe").contains("rules");
    }

    @Test
    void unknownCommandExits2NamingIt() {
        Cli.Result result = Cli.run("lst");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("lst");
    }

    @Test
    void missingArgumentExits2() {
        Cli.Result result = Cli.run("rules", "put", "io.weft.demo.Greeter", "routing");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("FILE");
    }

    @Test
    void unknownRuleKindExits2NamingTheKinds() {
        Cli.Result result = Cli.run("rules", "get", "io.weft.demo.Greeter", "routes", "--registry", "zookeeper://127.0.0.1:1");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("'routes'").contains("routing, throttling, faults or security");
    }

    @Test
    void rmWithoutIfRevisionExits2() {
        Cli.Result result = Cli.run("rules", "rm", "io.weft.demo.Greeter", "routing");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("--if-revision");
    }

    @Test
    void noRegistryExits2SayingHowToGiveOne() {
        Cli.Result result = Cli.run("ls");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("--registry").contains("weft.registry.address");
    }

    @Test
    void malformedRegistryAddressExits2() {
        Cli.Result result = Cli.run("ls", "--registry", "redis://x");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("redis");
    }

    @Test
    void registryOptionWorksBeforeTheSubcommandToo() {
        Cli.Result result = Cli.run("--registry", "nonsense", "ls");

        assertThat(result.exitCode()).as("%s", result).isEqualTo(2);
        assertThat(result.err()).contains("nonsense");
    }

    @Test
    void helpExits0() {
        Cli.Result result = Cli.run("rules", "put", "--help");

        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("--if-revision").contains("--user");
    }
}
