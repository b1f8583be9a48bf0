"""Authentication that does not cost a query on every page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

# Bounds how long another process may see an old copy when the cache is
# per process (the default); with CACHE_URL (Redis) the signals reach all.
USER_TIMEOUT = 60


def user_key(user_id) -> str:
    return f"auth-user:{user_id}"


class CachedModelBackend(ModelBackend):
    """ModelBackend whose get_user() reads the cache first.

    Every request of a logged-in user loads the user; with many small htmx
    requests that query is a large share of the work. The cached copy is
    dropped whenever the user or their groups change (signals below), so a
    new password or a lost role takes effect at once.
    """

    def get_user(self, user_id):
        key = user_key(user_id)
        user = cache.get(key)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_TIMEOUT)
        return user


def forget_user(sender, instance, **kwargs) -> None:
    cache.delete(user_key(instance.pk))


User = get_user_model()
post_save.connect(forget_user, sender=User, dispatch_uid="auth-forget-saved-user")
post_delete.connect(forget_user, sender=User, dispatch_uid="auth-forget-deleted-user")
m2m_changed.connect(
    forget_user, sender=User.groups.through, dispatch_uid="auth-forget-regrouped-user"
)
