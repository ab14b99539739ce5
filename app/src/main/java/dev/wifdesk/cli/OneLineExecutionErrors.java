package dev.wifdesk.cli;

import dev.wifdesk.cloud.ClientErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** No stack trace in front of a user: bad input exits 2, anything else 1, each with one line. */
final class OneLineExecutionErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof BadInputException) {
            // bad input echoes what was given, and a token pasted into the wrong option must not be printed back
            cmd.getErr().println("wifdesk: " + ClientErrors.joined(ex.getMessage(), "bad input"));
            return WifdeskCommand.EXIT_BAD_INPUT;
        }
        // the logger is looked up only here: starting Logback costs a quarter second of every CLI start
        Logger log = LoggerFactory.getLogger(OneLineExecutionErrors.class);
        log.debug("command failed", ex);
        cmd.getErr().println("wifdesk: " + ClientErrors.oneLine(ex));
        return WifdeskCommand.EXIT_FAILED;
    }
}
