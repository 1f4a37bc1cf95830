#pragma once
// OpenGL 3.3 core entry points. Mesa's libGL exports them, so no loader is needed on Linux.
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
