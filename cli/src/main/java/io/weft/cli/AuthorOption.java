package io.weft.cli;

import io.weft.rules.RuleWriter;
import java.io.IOException;
import java.net.InetAddress;
import picocli.CommandLine.Option;

/** {@code --user NAME} of the rule-changing commands: who the audit entry names (default: the OS user). */
final class AuthorOption {
    @Option(names = "--user", paramLabel = "NAME", description = "Who the audit names (default: the OS user).")
    String user;

    /** The author of a change made from this command line: the user, this host, via {@code cli}. */
    RuleWriter.Author author() {
        String name = user != null ? user : System.getProperty("user.name", "unknown");
        if (name.isBlank()) {
            throw new CliFailure(WeftCli.USAGE, "--user must not be blank");
        }
        return new RuleWriter.Author(name, hostName(), "cli");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
