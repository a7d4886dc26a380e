from django.urls import path

from . import views, views_public, views_site

app_name = "website"

# The unit's public site. host_urls.py serves the same patterns without ``p/<slug>/`` on the
# unit's own host name.
public_patterns = [
    path("p/<slug:slug>/", views_public.home, name="home"),
    path("p/<slug:slug>/about/<str:section>/", views_public.section, name="section"),
    path("p/<slug:slug>/about/<str:section>/v<int:number>/", views_public.version, name="version"),
    path("p/<slug:slug>/news/", views_public.news, name="news"),
    path("p/<slug:slug>/news/feed.atom", views_public.feed, name="feed"),
    path("p/<slug:slug>/news/<uuid:post_id>/", views_public.post, name="post"),
    path("p/<slug:slug>/search/", views_public.search, name="search"),
    path(
        "p/<slug:slug>/img/<uuid:image_id>/<int:width>/",
        views_public.site_image,
        name="image",
    ),
]

urlpatterns = [
    *public_patterns,
    path("sitemap.xml", views_site.sitemap, name="sitemap"),
    path("sitemap-pages.xml", views_site.sitemap_pages, name="sitemap_pages"),
    path("robots.txt", views_site.robots, name="robots"),
    path("u/<slug:slug>/website/", views.manage, name="manage"),
    path("u/<slug:slug>/website/logo/", views.logo, name="logo"),
    path("u/<slug:slug>/website/people/", views.executive_add, name="executive_add"),
    path(
        "u/<slug:slug>/website/people/<uuid:person_id>/delete/",
        views.executive_delete,
        name="executive_delete",
    ),
    path("u/<slug:slug>/website/laws/", views.laws, name="laws"),
    path("u/<slug:slug>/website/laws/<uuid:law_id>/delete/", views.law_delete, name="law_delete"),
    path("u/<slug:slug>/website/news/new/", views.news_edit, name="news_new"),
    path("u/<slug:slug>/website/news/<uuid:post_id>/", views.news_edit, name="news_edit"),
    path(
        "u/<slug:slug>/website/news/<uuid:post_id>/delete/", views.news_delete, name="news_delete"
    ),
    path("u/<slug:slug>/website/policies/<str:kind>/", views.policy_edit, name="policy_edit"),
    path("u/<slug:slug>/website/hosts/", views.hosts, name="hosts"),
    path(
        "u/<slug:slug>/website/hosts/<uuid:host_id>/delete/", views.host_delete, name="host_delete"
    ),
    path("u/<slug:slug>/website/<str:part>/", views.profile_edit, name="profile_edit"),
]
