package io.cloudsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudsync.core.InvalidObjectKeyException;
import io.cloudsync.storage.AccessDeniedException;
import io.cloudsync.storage.BackendUnreachableException;
import io.cloudsync.storage.InvalidConfigException;
import io.cloudsync.storage.LocalIoException;
import io.cloudsync.storage.NotFoundException;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.ThrottledException;
import io.cloudsync.storage.TransientStorageException;
import io.cloudsync.storage.UnsupportedFeatureException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void codesAreTheAgreedNumbersAndDistinct() {
    assertThat(Arrays.stream(ExitCode.values()).mapToInt(ExitCode::code))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  @Test
  void storageExceptionsMapByType() {
    assertThat(ExitCode.of(new NotFoundException("s3://b/k", "not found")))
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(ExitCode.of(new PreconditionFailedException("s3://b/k", "changed")))
        .isEqualTo(ExitCode.CONFLICT);
    assertThat(ExitCode.of(new AccessDeniedException("s3://b", "credentials rejected")))
        .isEqualTo(ExitCode.ACCESS_DENIED);
    assertThat(ExitCode.of(new BackendUnreachableException("s3://b", "refused")))
        .isEqualTo(ExitCode.UNREACHABLE);
    assertThat(ExitCode.of(new TransientStorageException("s3://b", "503")))
        .isEqualTo(ExitCode.UNREACHABLE);
    assertThat(ExitCode.of(new ThrottledException("s3://b", "slow down")))
        .isEqualTo(ExitCode.THROTTLED);
    assertThat(ExitCode.of(new InvalidConfigException("x://", "unknown scheme")))
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(ExitCode.of(new LocalIoException("/r", "read-only"))).isEqualTo(ExitCode.LOCAL_IO);
    assertThat(ExitCode.of(new UnsupportedFeatureException("s3://b", "no copy")))
        .isEqualTo(ExitCode.UNSUPPORTED);
  }

  @Test
  void otherFailuresMapToo() {
    assertThat(ExitCode.of(new InvalidObjectKeyException("..", "bad")))
        .isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(ExitCode.of(new UncheckedIOException(new NoSuchFileException("/x"))))
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(ExitCode.of(new CliFailure(ExitCode.DELETION_LIMIT, "too many")))
        .isEqualTo(ExitCode.DELETION_LIMIT);
    assertThat(ExitCode.of(new IllegalStateException("bug"))).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void unexpectedFailuresPrintOneLineWithoutAStackTrace() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int code =
        new ErrorReporter(
                new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8),
                false)
            .report(new IllegalStateException("line one\nline two"));

    assertThat(code).isEqualTo(1);
    assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            "cloudsync: unexpected IllegalStateException: line one line two (run again with --debug"
                + " for details)\n");
  }
}
