package io.cloudsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudsync.core.ObjectKey;
import io.cloudsync.core.RemoteFile;
import io.cloudsync.core.VersionToken;
import io.cloudsync.storage.PreconditionFailedException;
import io.cloudsync.storage.WriteCondition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Version tokens, every {@link WriteCondition} holding and failing, and deletion: part of {@link
 * StorageBackendContract}; extend that class, not this one.
 */
public abstract class ConditionCases extends KeyAndListingCases {

  @Test
  void ifAbsentCreatesAMissingObject() {
    RemoteFile written = put(key("new.txt"), utf8("created"), WriteCondition.IF_ABSENT);

    assertStored(key("new.txt"), utf8("created"));
    assertThat(backend().stat(key("new.txt")).orElseThrow().version()).isEqualTo(written.version());
  }

  @Test
  void ifAbsentOnAnExistingObjectFailsNamingItsLocationAndKeepsIt() {
    ObjectKey key = key("taken.txt");
    RemoteFile first = put(key, utf8("first"));

    assertThatThrownBy(() -> put(key, utf8("second"), WriteCondition.IF_ABSENT))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(key));

    assertStored(key, utf8("first"));
    assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(first.version());
  }

  @Test
  void ifMatchWithTheCurrentVersionReplacesAndYieldsANewVersion() {
    ObjectKey key = key("match.txt");
    RemoteFile first = put(key, utf8("v1"));

    RemoteFile second = put(key, utf8("v2"), WriteCondition.ifMatch(first.version()));

    assertThat(second.version()).isNotEqualTo(first.version());
    assertStored(key, utf8("v2"));
    assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(second.version());
  }

  @Test
  void ifMatchWithAStaleVersionFailsNamingItsLocationAndKeepsTheCurrentContent() {
    ObjectKey key = key("stale.txt");
    RemoteFile first = put(key, utf8("v1"));
    RemoteFile second = put(key, utf8("v2"), WriteCondition.ifMatch(first.version()));

    assertThatThrownBy(() -> put(key, utf8("v3"), WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(key));

    assertStored(key, utf8("v2"));
    assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(second.version());
  }

  @Test
  void ifMatchOnAMissingObjectFails() {
    ObjectKey key = key("gone.txt");
    RemoteFile old = put(key, utf8("old"));
    backend().delete(key, WriteCondition.UNCONDITIONAL);

    assertThatThrownBy(() -> put(key, utf8("again"), WriteCondition.ifMatch(old.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(key));
    assertThat(backend().stat(key)).isEmpty();
  }

  // A number, so that a backend whose versions are numbers (GCS generations) can parse it.
  @Test
  void ifMatchWithAnInventedTokenFails() {
    ObjectKey key = key("invented.txt");
    put(key, utf8("real"));

    assertThatThrownBy(
            () ->
                put(key, utf8("fake"), WriteCondition.ifMatch(VersionToken.of("987654321987654"))))
        .isInstanceOf(PreconditionFailedException.class);
    assertStored(key, utf8("real"));
  }

  @Test
  void theVersionChangesOnEveryWriteEvenWithIdenticalContent() {
    Assumptions.assumeFalse(versionTokenFollowsContent(), "the version token follows the content");
    ObjectKey key = key("same.txt");
    Set<VersionToken> versions = new HashSet<>();

    for (int i = 0; i < 4; i++) {
      RemoteFile written = put(key, utf8("identical"));
      assertThat(versions.add(written.version())).as("write %d repeated a version", i).isTrue();
      assertThat(backend().stat(key).orElseThrow().version()).isEqualTo(written.version());
    }
  }

  @Test
  void aKeyRecreatedAfterDeletionGetsAVersionNeverSeenBefore() {
    Assumptions.assumeFalse(versionTokenFollowsContent(), "the version token follows the content");
    ObjectKey key = key("reborn.txt");
    RemoteFile first = put(key, utf8("same"));
    backend().delete(key, WriteCondition.UNCONDITIONAL);

    RemoteFile second = put(key, utf8("same"), WriteCondition.IF_ABSENT);

    assertThat(second.version()).isNotEqualTo(first.version());
    assertThatThrownBy(() -> put(key, utf8("x"), WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void deletesAnObject() {
    ObjectKey key = key("doomed.txt");
    put(key, utf8("bye"));

    backend().delete(key, WriteCondition.UNCONDITIONAL);

    assertThat(backend().stat(key)).isEmpty();
    assertThat(listedNames("")).isEmpty();
  }

  @Test
  void anUnconditionalDeleteOfAMissingKeySucceeds() {
    assertThatCode(() -> backend().delete(key("never-was"), WriteCondition.UNCONDITIONAL))
        .doesNotThrowAnyException();
    assertThat(backend().stat(key("never-was"))).isEmpty();
  }

  @Test
  void aConditionalDeleteWithTheCurrentVersionDeletes() {
    Assumptions.assumeTrue(supportsConditionalDelete(), "conditional delete not supported");
    ObjectKey key = key("cond-delete.txt");
    RemoteFile written = put(key, utf8("x"));

    backend().delete(key, WriteCondition.ifMatch(written.version()));

    assertThat(backend().stat(key)).isEmpty();
  }

  @Test
  void aConditionalDeleteWithAStaleVersionFailsAndKeepsTheObject() {
    Assumptions.assumeTrue(supportsConditionalDelete(), "conditional delete not supported");
    ObjectKey key = key("cond-stale.txt");
    RemoteFile first = put(key, utf8("v1"));
    put(key, utf8("v2"));

    assertThatThrownBy(() -> backend().delete(key, WriteCondition.ifMatch(first.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(key));

    assertStored(key, utf8("v2"));
  }

  @Test
  void aConditionalDeleteOfAMissingKeyFails() {
    Assumptions.assumeTrue(supportsConditionalDelete(), "conditional delete not supported");
    ObjectKey key = key("cond-missing.txt");
    RemoteFile old = put(key, utf8("old"));
    backend().delete(key, WriteCondition.UNCONDITIONAL);

    assertThatThrownBy(() -> backend().delete(key, WriteCondition.ifMatch(old.version())))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining(backend().location(key));
  }
}
