"""Models of the blog: author and category snippets, the index and post pages, reader comments."""

from blog.models.comments import Comment, CommentStatus
from blog.models.pages import (
    BlogIndexPage,
    BlogPostAuthor,
    BlogPostPage,
    BlogPostRelatedPost,
    BlogPostTag,
)
from blog.models.settings import BlogSettings
from blog.models.snippets import BlogCategory

__all__ = [
    "BlogCategory",
    "BlogIndexPage",
    "BlogPostAuthor",
    "BlogPostPage",
    "BlogPostRelatedPost",
    "BlogPostTag",
    "BlogSettings",
    "Comment",
    "CommentStatus",
]
