package dev.wifdesk.sandbox.gitlab;

/** Who calls: the token from {@code PRIVATE-TOKEN} or {@code Authorization: Bearer}, looked up in the store. */
final class Callers {
    private final GitLabStore store;

    Callers(GitLabStore store) {
        this.store = store;
    }

    /** The caller's token from {@code PRIVATE-TOKEN} or {@code Authorization: Bearer}; bad ones are a 401. */
    AccessToken optionalToken(ApiRequest r) throws ApiError {
        String secret = r.header("PRIVATE-TOKEN");
        if (secret == null) {
            String auth = r.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                secret = auth.substring(7).trim();
            } else if (auth != null) {
                throw ApiError.unauthorized();
            }
        }
        if (secret == null) {
            return null;
        }
        return store.token(secret.trim()).orElseThrow(ApiError::unauthorized);
    }

    AccessToken authenticate(ApiRequest r) throws ApiError {
        AccessToken t = optionalToken(r);
        if (t == null) {
            throw ApiError.unauthorized();
        }
        return t;
    }
}
