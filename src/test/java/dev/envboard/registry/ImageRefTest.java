package dev.envboard.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
    private static final String DIGEST = "sha256:" + "ab12".repeat(16);

    @ParameterizedTest
    @CsvSource({
            // text,                                   registry,          repository,        tag
            "nginx,                                    docker.io,         library/nginx,     latest",
            "nginx:1.25,                               docker.io,         library/nginx,     1.25",
            "bitnami/redis:7,                          docker.io,         bitnami/redis,     7",
            "docker.io/nginx,                          docker.io,         library/nginx,     latest",
            "index.docker.io/library/nginx:1,          docker.io,         library/nginx,     1",
            "10.254.77.1:5443/envboard/demo:2,         10.254.77.1:5443,  envboard/demo,     2",
            "10.254.77.1:5443/envboard/demo,           10.254.77.1:5443,  envboard/demo,     latest",
            "localhost/app:dev,                        localhost,         app,               dev",
            "localhost:5000/team/app/api:v1.2-rc_3,    localhost:5000,    team/app/api,      v1.2-rc_3",
            "registry.example.com/a__b/c-d.e:x,        registry.example.com, a__b/c-d.e,     x",
            "'  ghcr.io/org/tool:1  ',                 ghcr.io,           org/tool,          1",
            // Like docker: without a registry part, localhost:5000 is the image localhost with tag 5000.
            "localhost:5000,                           docker.io,         library/localhost, 5000",
    })
    void readsAsDockerDoes(String text, String registry, String repository, String tag) {
        ImageRef ref = ImageRef.parse(text);

        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
    }

    @Test
    void aDigestWithAndWithoutTag() {
        ImageRef pinnedOnly = ImageRef.parse("10.254.77.1:5443/envboard/demo@" + DIGEST);
        ImageRef both = ImageRef.parse("10.254.77.1:5443/envboard/demo:2@" + DIGEST);

        assertThat(pinnedOnly.tag()).isNull();
        assertThat(pinnedOnly.digest()).isEqualTo(DIGEST);
        assertThat(pinnedOnly.reference()).isEqualTo("10.254.77.1:5443/envboard/demo@" + DIGEST);
        assertThat(both.tag()).isEqualTo("2");
        assertThat(both.digest()).isEqualTo(DIGEST);
        assertThat(both.reference()).isEqualTo("10.254.77.1:5443/envboard/demo@" + DIGEST);
        assertThat(both).hasToString("10.254.77.1:5443/envboard/demo:2@" + DIGEST);
    }

    @Test
    void pinningKeepsTheTagForDisplayAndRunsTheDigest() {
        ImageRef tagged = ImageRef.parse("10.254.77.1:5443/envboard/demo:1");

        ImageRef pinned = tagged.pinned(DIGEST);

        assertThat(tagged.reference()).isEqualTo("10.254.77.1:5443/envboard/demo:1");
        assertThat(pinned.reference()).isEqualTo("10.254.77.1:5443/envboard/demo@" + DIGEST);
        assertThat(pinned.tag()).isEqualTo("1");
        assertThat(pinned).hasToString("10.254.77.1:5443/envboard/demo:1@" + DIGEST);
        assertThat(ImageRef.parse(pinned.reference())).isEqualTo(new ImageRef("10.254.77.1:5443", "envboard/demo", null, DIGEST));
    }

    @Test
    void dockerHubNamesAreWrittenShortAndRoundTrip() {
        ImageRef ref = ImageRef.parse("index.docker.io/library/nginx:1");

        assertThat(ref.reference()).isEqualTo("library/nginx:1");
        assertThat(ref.name()).isEqualTo("docker.io/library/nginx");
        assertThat(ImageRef.parse(ref.reference())).isEqualTo(ref);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                  | an empty image name",
            "'   '                               | an empty image name",
            "Envboard/Demo:1                     | \"Envboard/Demo\" is not a valid repository name",
            "host:5000/repo:                     | \"\" is not a valid tag",
            "repo:-tag                           | \"-tag\" is not a valid tag",
            "/repo                               | \"/repo\" is not a valid repository name",
            "repo//x                             | \"repo//x\" is not a valid repository name",
            "repo@sha256:abc                     | sha256:abc is not a digest",
            "repo@sha256:                        | is not a digest",
            // 63 hex digits: a sha256 has 64.
            "repo@sha256:ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab1 | is not a digest",
    })
    void refusesWhatDockerRefusesAndSaysWhy(String text, String message) {
        assertThatThrownBy(() -> ImageRef.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
