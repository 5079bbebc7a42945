//! User administration. Every function checks the actor is an admin itself,
//! whatever its caller already checked.

use app::error::AppError;
use app::model::{CurrentUser, NewUser, Role, UserInfo, UserUpdate};

use super::{password, validate, AuthService};
use crate::error::ServiceResult;
use crate::now_secs;
use crate::storage::{sessions, users};

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("There is no user with id {id}. Reload the list."))
}

impl AuthService {
    pub async fn list_users(&self, actor: &CurrentUser) -> ServiceResult<Vec<UserInfo>> {
        actor.require(Role::Admin)?;
        Ok(users::list(&self.pool)
            .await?
            .iter()
            .map(|u| u.info())
            .collect())
    }

    pub async fn create_user(&self, actor: &CurrentUser, new: NewUser) -> ServiceResult<UserInfo> {
        actor.require(Role::Admin)?;
        let name = validate::username(&new.username)?;
        validate::new_password(&new.password)?;
        let hash = password::hash(&new.password).await?;
        let Some(id) = users::insert(&self.pool, name, &hash, new.role, now_secs()).await? else {
            return Err(AppError::Conflict(format!(
                "The username {name:?} is taken: choose another."
            ))
            .into());
        };
        tracing::info!(event = "user_created", by = %actor.username, user = %name, role = %new.role, "user created");
        let detail = format!("role {}", new.role);
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "user_created",
            name,
            &detail,
        )
        .await;
        Ok(users::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| not_found(id))?
            .info())
    }

    /// Changes role and/or disabled state; refuses to leave no active admin.
    pub async fn update_user(
        &self,
        actor: &CurrentUser,
        id: i64,
        update: UserUpdate,
    ) -> ServiceResult<UserInfo> {
        actor.require(Role::Admin)?;
        let row = users::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        let role = update.role.unwrap_or(row.role());
        let disabled = update.disabled.unwrap_or(row.disabled);
        if !users::update_guarded(&self.pool, id, role, disabled, now_secs()).await? {
            return Err(AppError::Conflict(
                "That would leave no active admin. Make another user admin first.".into(),
            )
            .into());
        }
        if disabled && !row.disabled {
            sessions::delete_for_user(&self.pool, id).await?;
        }
        self.sessions.forget_user(id);
        tracing::info!(event = "user_updated", by = %actor.username, user = %row.username, %role, disabled, "user updated");
        let detail = format!("role {role}{}", if disabled { ", disabled" } else { "" });
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "user_updated",
            &row.username,
            &detail,
        )
        .await;
        Ok(users::by_id(&self.pool, id)
            .await?
            .ok_or_else(|| not_found(id))?
            .info())
    }

    /// Sets another user's password and logs out all their sessions.
    pub async fn reset_password(
        &self,
        actor: &CurrentUser,
        id: i64,
        new: &str,
    ) -> ServiceResult<()> {
        actor.require(Role::Admin)?;
        validate::new_password(new)?;
        let hash = password::hash(new).await?;
        if !users::set_password(&self.pool, id, &hash, now_secs()).await? {
            return Err(not_found(id).into());
        }
        sessions::delete_for_user(&self.pool, id).await?;
        self.sessions.forget_user(id);
        tracing::info!(event = "password_reset", by = %actor.username, user_id = id, "password reset");
        crate::audit::record(
            &self.pool,
            Some(&actor.username),
            "password_reset",
            &format!("user {id}"),
            "",
        )
        .await;
        Ok(())
    }
}
