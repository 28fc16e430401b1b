package dk.ledgerline.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where logging in may send a user back to: a page of this site, never another site. */
class LoginReturnTest {
    @Test
    void onlyPathsOnThisSiteAreAcceptedAsThePageToReturnTo() {
        assertThat(AuthenticationFilter.isLocalPath("/companies/7/journals/3?x=1")).isTrue();
        assertThat(AuthenticationFilter.isLocalPath("/")).isTrue();
        assertThat(AuthenticationFilter.isLocalPath("//evil.example/")).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("/\\evil.example")).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("https://evil.example/")).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("/a b")).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("/x\n")).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("/" + "a".repeat(AuthenticationFilter.RETURN_PATH_LENGTH_MAX))).isFalse();
        assertThat(AuthenticationFilter.isLocalPath(null)).isFalse();
        assertThat(AuthenticationFilter.isLocalPath("")).isFalse();
    }
}
