"""The Ninja API object; routers of each domain are added here."""

from ninja import NinjaAPI

api = NinjaAPI(title="jiedao API", version="1", urls_namespace="api")
