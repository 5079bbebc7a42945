//! The server's side of the seam: implements `app::services::Services`, which
//! the server functions reach through Leptos context.

use app::error::AppError;
use app::model::{CurrentUser, NewUser, UserInfo, UserUpdate};
use app::services::{Services, SetCookie};

use crate::auth::{cookie, AuthService};

pub struct Seam {
    pub auth: AuthService,
}

impl Seam {
    fn session_cookie(&self, token: &str, secure: bool) -> SetCookie {
        SetCookie(cookie::set(token, self.auth.cfg.max_secs as u64, secure))
    }
}

#[async_trait::async_trait]
impl Services for Seam {
    async fn login(
        &self,
        username: &str,
        password: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError> {
        let session = self.auth.login(username, password).await?;
        Ok(self.session_cookie(&session.token, secure))
    }

    async fn logout(&self, token: Option<&str>, secure: bool) -> Result<SetCookie, AppError> {
        self.auth.logout(token).await?;
        Ok(SetCookie(cookie::clear(secure)))
    }

    async fn change_password(
        &self,
        actor: &CurrentUser,
        current: &str,
        new: &str,
        secure: bool,
    ) -> Result<SetCookie, AppError> {
        let session = self.auth.change_password(actor, current, new).await?;
        Ok(self.session_cookie(&session.token, secure))
    }

    async fn list_users(&self, actor: &CurrentUser) -> Result<Vec<UserInfo>, AppError> {
        Ok(self.auth.list_users(actor).await?)
    }

    async fn create_user(&self, actor: &CurrentUser, user: NewUser) -> Result<UserInfo, AppError> {
        Ok(self.auth.create_user(actor, user).await?)
    }

    async fn update_user(
        &self,
        actor: &CurrentUser,
        id: i64,
        update: UserUpdate,
    ) -> Result<UserInfo, AppError> {
        Ok(self.auth.update_user(actor, id, update).await?)
    }

    async fn reset_password(
        &self,
        actor: &CurrentUser,
        id: i64,
        password: &str,
    ) -> Result<(), AppError> {
        Ok(self.auth.reset_password(actor, id, password).await?)
    }
}
