"""WordPress connector (REST API ``/wp-json/wp/v2``, application password over Basic auth).

- Account: ``GET /wp/v2/users/me?context=edit``
  (https://developer.wordpress.org/rest-api/reference/users/#retrieve-a-user-2).
- Images: ``POST /wp/v2/media`` with the file as body and a ``Content-Disposition`` header, then
  ``POST /wp/v2/media/<id>`` to set ``alt_text``
  (https://developer.wordpress.org/rest-api/reference/media/#create-a-media-item).
  ``cmstudio-media:N`` in the article's HTML is replaced by the URL of uploaded image N.
- Terms: categories and tags are looked up by name (``?search=``) and created when missing; a
  ``term_exists`` answer (someone created it meanwhile) gives the existing id.
- Post: ``POST /wp/v2/posts`` with ``status`` ``draft``/``publish``, or ``future`` with
  ``date_gmt`` when the payload is scheduled
  (https://developer.wordpress.org/rest-api/reference/posts/#create-a-post).
- Idempotency: WordPress has no idempotency key and post meta is only writable when a plugin
  registers it, so the post body ends with an invisible HTML comment
  ``<!-- cmstudio-publication:<hash of the key> -->``. WordPress's search covers the raw content,
  so `verify` searches the hash (all statuses, ``context=edit``) and checks the marker.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Mapping
from typing import Any

import httpx

from cmstudio.publish.connector import (
    AccountCheck,
    Capabilities,
    ConnectorInfo,
    Failure,
    PublishError,
    PublishResult,
    SettingField,
)
from cmstudio.publish.connectors._http import HttpConnector
from cmstudio.publish.payload import Payload, media_label


def publication_marker(idempotency_key: str) -> tuple[str, str]:
    """The searchable token and the HTML comment that tag a post with its idempotency key."""
    token = "cmstudio" + hashlib.sha256(idempotency_key.encode()).hexdigest()[:32]
    return token, f"<!-- cmstudio-publication:{token} -->"


class WordPressConnector(HttpConnector):
    """Publishes articles (with featured image, categories and tags) to a WordPress site."""

    info = ConnectorInfo(
        id="wordpress",
        name="WordPress",
        icon="wordpress",
        network="wordpress",
        capabilities=Capabilities(
            text=True,
            images=100,
            threads=False,
            alt_text=True,
            native_scheduling=True,
            edit=True,
            delete=True,
        ),
        settings_schema=(
            SettingField(
                "base_url",
                "Adresse du site",
                "Site address",
                "url",
                required=True,
                help_fr="Par exemple https://blog.exemple.fr",
                help_en="For example https://blog.example.com",
            ),
            SettingField("username", "Identifiant", "Username", "text", required=True),
            SettingField(
                "application_password",
                "Mot de passe d’application",
                "Application password",
                "secret",
                required=True,
                help_fr="Profil › Mots de passe d’application (WordPress 5.6 ou plus).",
                help_en="Profile › Application passwords (WordPress 5.6 or later).",
            ),
            SettingField(
                "status",
                "Statut des articles",
                "Post status",
                "choice",
                choices=("publish", "draft"),
                default="publish",
            ),
        ),
        description_fr="Publie des articles sur un site WordPress.",
        description_en="Publishes articles to a WordPress site.",
    )
    accepted_mimes = ("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif", "image/heic")

    def __init__(
        self,
        settings: Mapping[str, Any] | None = None,
        secrets: Mapping[str, str] | None = None,
        **options: Any,
    ) -> None:
        super().__init__(settings, secrets, **options)
        self._auth = httpx.BasicAuth(self.settings["username"], self._secrets["application_password"])

    def _url(self, route: str) -> str:
        return f"{self.settings['base_url'].rstrip('/')}/wp-json/wp/v2{route}"

    def _call(
        self, method: str, route: str, *, item: str | None = None, allow: tuple[int, ...] = (), **kwargs: Any
    ) -> tuple[httpx.Response, Any]:
        r = self._send(method, self._url(route), item=item, allow=allow, auth=self._auth, **kwargs)
        return r, self._json(r, item)

    def _classify_response(self, r: httpx.Response) -> Failure:
        # WordPress answers a refused upload (file type not allowed, failed upload checks) with HTTP 500
        # and the code rest_upload_sideload_error or rest_upload_unknown_error
        # (wp-includes/rest-api/endpoints/class-wp-rest-attachments-controller.php, upload_from_data()
        # and upload_from_file()): the same file would be refused again, so it is not retried.
        if r.status_code >= 500 and self._error_code(r).startswith("rest_upload_"):
            detail = self.error_detail(r) or f"HTTP {r.status_code}"
            text = self.tr("rejected", network=self.network_name, detail=detail)
            return Failure("permanent", text, None, r.status_code)
        return super()._classify_response(r)

    @staticmethod
    def _error_code(r: httpx.Response) -> str:
        try:
            data = r.json()
        except ValueError:
            return ""
        return str(data.get("code", "")) if isinstance(data, dict) else ""

    def error_detail(self, r: httpx.Response) -> str:
        # WordPress errors: {"code": "...", "message": "...", "data": {"status": 400}}
        detail = super().error_detail(r)
        return html.unescape(detail)

    # -- contract ---------------------------------------------------------------------------

    def check_account(self) -> AccountCheck:
        try:
            _, me = self._call("GET", "/users/me", params={"context": "edit"})
        except PublishError as exc:
            return self.account_failure(exc)
        caps = me.get("capabilities") or {}
        if caps and not (caps.get("publish_posts") and caps.get("upload_files")):
            text = (
                "Ce compte ne peut pas publier d’articles ni envoyer d’images\u00a0: "
                "donnez-lui le rôle Auteur."
                if self.lang == "fr"
                else "This account cannot publish posts or upload images: give it the Author role."
            )
            return AccountCheck(
                ok=False, display_name=me.get("name", ""), handle=me.get("slug", ""), message=text
            )
        return AccountCheck(
            ok=True,
            display_name=me.get("name", ""),
            handle=me.get("username") or me.get("slug", ""),
            message=self.tr("account_ok"),
        )

    def _upload(self, payload: Payload, index: int) -> dict[str, Any]:
        item = payload.media[index]
        label = media_label(payload.media, index)
        filename = item.path.name.replace('"', "")
        headers = {
            "Content-Type": item.mime,
            "Content-Disposition": f'attachment; filename="{filename}"',
        }
        _, media = self._call(
            "POST", "/media", item=label, content=self.read_media(payload, index), headers=headers
        )
        if item.alt:
            _, media = self._call("POST", f"/media/{media['id']}", item=label, json={"alt_text": item.alt})
        return media

    def _term(self, taxonomy: str, name: str) -> int:
        label = f"« {name} »" if self.lang == "fr" else f"“{name}”"
        _, found = self._call("GET", f"/{taxonomy}", item=label, params={"search": name, "per_page": 100})
        for term in found:
            if html.unescape(str(term.get("name", ""))).casefold() == name.casefold():
                return int(term["id"])
        r, created = self._call("POST", f"/{taxonomy}", item=label, json={"name": name}, allow=(400,))
        if r.status_code == 400:
            term_id = (
                (created.get("data") or {}).get("term_id") if created.get("code") == "term_exists" else None
            )
            if term_id is None:
                raise self._error(self.classify(r), label)
            return int(term_id)
        return int(created["id"])

    def publish(self, payload: Payload, idempotency_key: str) -> PublishResult:
        """Create the post; images, categories and tags first. See the module doc for idempotency."""
        self.check_media(payload)
        uploaded = [self._upload(payload, i) for i in range(len(payload.media))]
        body = payload.html or "".join(f"<p>{html.escape(p)}</p>" for p in payload.text.split("\n\n") if p)
        for i, media in reversed(list(enumerate(uploaded))):
            body = body.replace(f"cmstudio-media:{i}", str(media.get("source_url", "")))
        _, marker = publication_marker(idempotency_key)
        post: dict[str, Any] = {
            "title": payload.title,
            "content": f"{body}\n{marker}",
            "status": self.settings.get("status", "publish"),
        }
        if payload.excerpt:
            post["excerpt"] = payload.excerpt
        if payload.slug:
            post["slug"] = payload.slug
        if payload.is_future():
            assert payload.scheduled_at is not None
            post["status"] = "future" if post["status"] == "publish" else post["status"]
            post["date_gmt"] = payload.scheduled_at.strftime("%Y-%m-%dT%H:%M:%S")
        if uploaded and payload.featured_media is not None:
            post["featured_media"] = uploaded[payload.featured_media]["id"]
        if payload.categories:
            post["categories"] = [self._term("categories", name) for name in payload.categories]
        if payload.tags:
            post["tags"] = [self._term("tags", name) for name in payload.tags]
        _, created = self._call("POST", "/posts", item=payload.title or None, json=post)
        return PublishResult(
            remote_id=str(created["id"]), url=created.get("link"), scheduled=created.get("status") == "future"
        )

    def verify(self, payload: Payload, idempotency_key: str) -> PublishResult | None:
        """Find the post carrying this key's marker, whatever its status."""
        token, marker = publication_marker(idempotency_key)
        params = {"search": token, "status": "any", "context": "edit", "per_page": 10}
        _, posts = self._call("GET", "/posts", params=params)
        for post in posts:
            raw = (post.get("content") or {}).get("raw", "")
            if marker in raw:
                return PublishResult(
                    remote_id=str(post["id"]), url=post.get("link"), scheduled=post.get("status") == "future"
                )
        return None
