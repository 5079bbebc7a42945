//! API tokens for automation: made from a logged-in session (shown once,
//! stored as a SHA-256), listed (own; admins see all), revoked, and checked
//! by the auth gate for `Authorization: Bearer lk_…`. A token's role is its
//! own, capped by its owner's current role; a disabled owner's tokens stop.

use app::error::AppError;
use app::model::token::{ApiToken, CreatedToken, NewToken, TOKEN_DAYS_MAX, TOKEN_NAME_MAX};
use app::model::{CurrentUser, Role};
use axum::http::{header, HeaderMap};

use super::{cookie, AuthService};
use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::api_tokens::{self, NewRow, TokenRow};
use crate::storage::ended::{self, Credentials};

/// Every token starts with this, so a leaked one is easy to recognise.
pub const PREFIX: &str = "lk_";
/// Characters of a token kept to tell tokens apart (prefix included).
const SHOWN: usize = PREFIX.len() + 6;
/// Ended tokens stay listed this long before the sweep drops them.
const KEEP_ENDED_SECS: i64 = 30 * 86_400;

/// The value of `Authorization: Bearer …`, if the request has one.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim())
}

/// `lk_` and 64 hex digits (256 random bits).
fn well_formed(token: &str) -> bool {
    cookie::has_shape(token, PREFIX)
}

fn info(r: TokenRow) -> ApiToken {
    ApiToken {
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        owner: r.owner,
        role: r.role.parse().unwrap_or(Role::Viewer),
        created_at: r.created_at,
        expires_at: r.expires_at,
        last_used_at: r.last_used_at,
        revoked_at: r.revoked_at,
    }
}

fn check(new: &NewToken, actor: &CurrentUser) -> Result<String, AppError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > TOKEN_NAME_MAX {
        return Err(AppError::invalid(format!(
            "Token name: use 1 to {TOKEN_NAME_MAX} characters, e.g. \"ci-deploys\"."
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(
            "Token name: line breaks and control characters are not allowed.",
        ));
    }
    if !actor.role.allows(new.role) {
        return Err(AppError::Forbidden(format!(
            "A token's role cannot be above your own ({}).",
            actor.role
        )));
    }
    if !(1..=TOKEN_DAYS_MAX).contains(&new.expires_days) {
        return Err(AppError::invalid(format!(
            "Expiry: give the token 1 to {TOKEN_DAYS_MAX} days."
        )));
    }
    Ok(name.to_owned())
}

impl AuthService {
    /// Makes a token for the caller. Only from a session: a token cannot
    /// mint tokens (that would outlive its own expiry and revocation).
    pub async fn create_token(
        &self,
        actor: &CurrentUser,
        via_token: bool,
        new: NewToken,
    ) -> ServiceResult<CreatedToken> {
        actor.require(Role::Editor)?;
        if via_token {
            return Err(AppError::Forbidden(
                "API tokens are made from a logged-in browser session, not with another token."
                    .into(),
            )
            .into());
        }
        let name = check(&new, actor)?;
        let token = format!("{PREFIX}{}", cookie::new_token());
        let (now, prefix) = (now_secs(), token[..SHOWN].to_owned());
        let expires_at = now + i64::from(new.expires_days) * 86_400;
        let id = api_tokens::insert(
            &self.pool,
            NewRow {
                token_hash: &cookie::token_hash(&token),
                prefix: &prefix,
                name: &name,
                user_id: actor.id,
                role: new.role.as_str(),
                now,
                expires_at,
            },
        )
        .await?;
        tracing::info!(event = "token_created", user = %actor.username, token_id = id, role = %new.role, "API token created");
        let detail = format!("role {}, {} days", new.role, new.expires_days);
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "token_created",
            &name,
            &detail,
        )
        .await;
        Ok(CreatedToken {
            token,
            info: ApiToken {
                id,
                name,
                prefix,
                owner: actor.username.clone(),
                role: new.role,
                created_at: now,
                expires_at,
                last_used_at: None,
                revoked_at: None,
            },
        })
    }

    /// The caller's tokens; an admin's list has everyone's.
    pub async fn list_tokens(&self, actor: &CurrentUser) -> ServiceResult<Vec<ApiToken>> {
        actor.require(Role::Editor)?;
        let owner = (actor.role != Role::Admin).then_some(actor.id);
        let rows = api_tokens::list(&self.pool, owner).await?;
        Ok(rows.into_iter().map(info).collect())
    }

    /// Revokes one of the caller's tokens (an admin: anyone's). Dead at once.
    pub async fn revoke_token(&self, actor: &CurrentUser, id: i64) -> ServiceResult<()> {
        actor.require(Role::Editor)?;
        let row = api_tokens::by_id(&self.pool, id)
            .await?
            .filter(|r| actor.role == Role::Admin || r.user_id == actor.id)
            .ok_or_else(|| AppError::NotFound(format!("No API token {id} of yours.")))?;
        ended::revoke(&self.pool, Credentials::ApiTokens, row.id, now_secs()).await?;
        tracing::info!(event = "token_revoked", user = %actor.username, token_id = id, "API token revoked");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "token_revoked",
            &row.name,
            &format!("owner {}", row.owner),
        )
        .await;
        Ok(())
    }

    /// The user a bearer token acts as, with the token's id; `None` for an
    /// unknown, malformed, revoked or expired token or a disabled owner.
    pub async fn authenticate_token(
        &self,
        token: &str,
    ) -> ServiceResult<Option<(CurrentUser, i64)>> {
        if !well_formed(token) {
            return Ok(None);
        }
        // Looked up by hash: the comparison never runs over the secret.
        let Some(row) = api_tokens::by_hash(&self.pool, &cookie::token_hash(token)).await? else {
            return Ok(None);
        };
        let now = now_secs();
        if row.revoked_at.is_some() || now >= row.expires_at || row.owner_disabled {
            return Ok(None);
        }
        // Use is recorded (and audited) at most once a minute per token.
        if row.last_used_at.is_none_or(|t| now - t >= 60) {
            crate::audit::record(&self.pool, Some(&row.owner), "token_used", &row.name, "").await;
            let (pool, id) = (self.pool.clone(), row.id);
            tokio::spawn(async move {
                if let Err(e) = ended::touch(&pool, Credentials::ApiTokens, id, now).await {
                    tracing::warn!(error = %e, "could not record an API token's use");
                }
            });
        }
        let own: Role = row.role.parse().unwrap_or(Role::Viewer);
        let owner: Role = row.owner_role.parse().unwrap_or(Role::Viewer);
        let user = CurrentUser {
            id: row.user_id,
            username: row.owner,
            role: own.min(owner),
        };
        Ok(Some((user, row.id)))
    }

    /// Drops tokens that ended a while ago.
    pub(super) async fn sweep_tokens(&self) -> ServiceResult<()> {
        ended::prune(
            &self.pool,
            Credentials::ApiTokens,
            now_secs(),
            KEEP_ENDED_SECS,
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_headers_and_token_shapes() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(header::AUTHORIZATION, "Bearer  lk_abc ".parse().unwrap());
        assert_eq!(bearer(&h), Some("lk_abc"));
        h.insert(header::AUTHORIZATION, "Basic dXNlcjpwdw==".parse().unwrap());
        assert_eq!(bearer(&h), None);
        assert!(well_formed(&format!("{PREFIX}{}", "a1".repeat(32))));
        assert!(!well_formed(&"a1".repeat(32)), "the prefix is required");
        assert!(!well_formed(&format!("{PREFIX}{}", "zz".repeat(32))));
        assert!(!well_formed(&format!("{PREFIX}{}", "a1".repeat(33))));
    }
}
