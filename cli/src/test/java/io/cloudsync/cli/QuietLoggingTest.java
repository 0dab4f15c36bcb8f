package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class QuietLoggingTest {

  @Test
  void logbackFindsTheConfigurationInCode() {
    assertThat(
            ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()).toList())
        .contains(QuietLogging.class.getName());
  }

  @Test
  void theRootLoggerIsSilentAndWritesToStandardErrorOnceTurnedOn() {
    LoggerContext context = new LoggerContext();
    Configurator.ExecutionStatus status = new QuietLogging().configure(context);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    assertThat(root.getLevel()).isEqualTo(Level.OFF);
    assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    var appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
    assertThat(appender.getTarget()).isEqualTo("System.err");
    assertThat(appender.isStarted()).isTrue();
    assertThat(context.getLogger("io.cloudsync.engine").isDebugEnabled()).isFalse();
  }
}
