// imgui_gl.cpp — Dear ImGui's OpenGL3 backend (used as is), compiled with the
// GL state queries of its draw calls answered here instead of by WebGL.
//
// The backend saves the GL state before it draws and restores it after, for
// apps that share the context with other rendering. Relais does not: ImGui
// is the only thing that draws (main.cpp sets the viewport and clears, then
// ImGui renders). In Chromium each of those ~18 getParameter / isEnabled
// calls per frame may wait for the GPU process to catch up: while the company
// list scrolled, they were 60 % of the frame's main-thread time. Answered
// with WebGL's initial values, the "restore" puts those values back, which is
// all the next frame needs (main.cpp and the backend set what they use).
#include <GLES2/gl2.h>
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES
#endif
#include <GLES2/gl2ext.h>

static void SavedStateQuery(GLenum pname, GLint* v) {
  switch (pname) {
    case GL_ACTIVE_TEXTURE: v[0] = GL_TEXTURE0; return;
    case GL_CURRENT_PROGRAM:
    case GL_TEXTURE_BINDING_2D:
    case GL_ARRAY_BUFFER_BINDING:
    case GL_ELEMENT_ARRAY_BUFFER_BINDING:
    case GL_VERTEX_ARRAY_BINDING_OES: v[0] = 0; return;
    case GL_BLEND_SRC_RGB:
    case GL_BLEND_SRC_ALPHA: v[0] = GL_ONE; return;
    case GL_BLEND_DST_RGB:
    case GL_BLEND_DST_ALPHA: v[0] = GL_ZERO; return;
    case GL_BLEND_EQUATION_RGB:
    case GL_BLEND_EQUATION_ALPHA: v[0] = GL_FUNC_ADD; return;
    case GL_VIEWPORT:
    case GL_SCISSOR_BOX: v[0] = v[1] = v[2] = v[3] = 0; return;  // main.cpp sets the viewport each frame
    default: glGetIntegerv(pname, v);  // anything else (start-up queries): asked for real
  }
}

// Blend, cull face, depth, stencil and scissor tests: all off between frames.
static GLboolean SavedStateEnabled(GLenum) { return GL_FALSE; }

#define glGetIntegerv SavedStateQuery
#define glIsEnabled SavedStateEnabled
#include "imgui_impl_opengl3.cpp"
