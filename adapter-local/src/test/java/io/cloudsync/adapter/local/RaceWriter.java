package io.cloudsync.adapter.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.StorageBackend;
import io.cloudsync.storage.WriteCondition;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One side of {@link LocalMultiProcessRaceTest}, run in a second JVM: waits for "go" on standard
 * input, then tries to claim every key {@code claim/0..claims-1} with if-absent writes and adds
 * {@code rounds} increments to the counter object with compare-and-set writes, printing "won N" for
 * each claim it wins and "done" at the end.
 */
public final class RaceWriter {
  private RaceWriter() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int claims = Integer.parseInt(args[2]);
    String name = args[3];
    StorageBackend backend = new LocalStorageBackend(root);
    // Load and warm the write path first, so this side is not handicapped at "go".
    byte[] warm = name.getBytes(UTF_8);
    ObjectKey own = ObjectKey.of("warm-up/" + name);
    for (int i = 0; i < 5; i++) {
      backend.write(
          own, new ByteArrayInputStream(warm), warm.length, Map.of(), WriteCondition.UNCONDITIONAL);
    }
    System.out.println("ready");
    System.out.flush();
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, UTF_8));
    if (!"go".equals(stdin.readLine())) {
      return;
    }
    for (String won : race(backend, rounds, claims, name, true)) {
      System.out.println("won " + won);
    }
    System.out.println("done");
    System.out.flush();
  }

  /**
   * Runs both races from this side, claims first (so both sides start them at the same instant),
   * then increments; returns the claim keys it won. The child claims from the top down and the
   * parent from the bottom up, so both sides win some and collide where they meet.
   */
  static List<String> race(
      StorageBackend backend, int rounds, int claims, String name, boolean descending)
      throws IOException {
    List<String> won = new ArrayList<>();
    for (int n = 0; n < claims; n++) {
      int i = descending ? claims - 1 - n : n;
      byte[] body = name.getBytes(UTF_8);
      try {
        backend.write(
            ObjectKey.of("claim/" + i),
            new ByteArrayInputStream(body),
            body.length,
            Map.of("winner", name),
            WriteCondition.IF_ABSENT);
        won.add(Integer.toString(i));
      } catch (PreconditionFailedException lost) {
        // The other side was first: exactly what the condition is for.
      }
    }
    ObjectKey counter = ObjectKey.of("counter");
    for (int done = 0; done < rounds; ) {
      if (increment(backend, counter)) {
        done++;
      }
    }
    return won;
  }

  private static boolean increment(StorageBackend backend, ObjectKey counter) throws IOException {
    RemoteFile seen = backend.stat(counter).orElseThrow();
    long value;
    try (InputStream in = backend.read(counter)) {
      value = Long.parseLong(new String(in.readAllBytes(), UTF_8));
    } catch (NumberFormatException torn) {
      throw new AssertionError("a reader saw a partial write", torn);
    }
    byte[] next = Long.toString(value + 1).getBytes(UTF_8);
    try {
      backend.write(
          counter,
          new ByteArrayInputStream(next),
          next.length,
          Map.of(),
          WriteCondition.ifMatch(seen.version()));
      return true;
    } catch (PreconditionFailedException lost) {
      return false;
    }
  }
}
