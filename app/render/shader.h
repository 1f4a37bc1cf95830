#pragma once
// A linked GLSL program; compile and link errors become std::runtime_error with the driver's log.
#include <string>

#include "render/gl.h"

namespace pc::gui {

class ShaderProgram {
public:
    ShaderProgram() = default;
    ShaderProgram(const char* name, const char* vertex_src, const char* fragment_src);
    ~ShaderProgram();
    ShaderProgram(ShaderProgram&& o) noexcept : id_(o.id_) { o.id_ = 0; }
    ShaderProgram& operator=(ShaderProgram&& o) noexcept;
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    GLuint id() const { return id_; }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
    void use() const { glUseProgram(id_); }

private:
    GLuint id_ = 0;
};

}  // namespace pc::gui
