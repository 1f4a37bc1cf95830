#include "render/shader.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace pc::gui {
namespace {

// The driver's log of a shader or program (`get_iv`/`get_log`: glGetShaderiv/InfoLog or the Program ones).
template <class GetIv, class GetLog>
std::string info_log(GLuint id, GetIv get_iv, GetLog get_log) {
    GLint len = 0;
    get_iv(id, GL_INFO_LOG_LENGTH, &len);
    std::vector<char> log(std::size_t(len) + 1);
    get_log(id, len, nullptr, log.data());
    return log.data();
}

GLuint compile(const char* name, GLenum type, const char* src) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        const std::string log = info_log(s, glGetShaderiv, glGetShaderInfoLog);
        glDeleteShader(s);
        throw std::runtime_error(std::string("shader '") + name + (type == GL_VERTEX_SHADER ? ".vert" : ".frag") +
                                 "' does not compile: " + log);
    }
    return s;
}

}  // namespace

ShaderProgram::ShaderProgram(const char* name, const char* vs, const char* fs) {
    GLuint v = compile(name, GL_VERTEX_SHADER, vs);
    GLuint f = compile(name, GL_FRAGMENT_SHADER, fs);
    id_ = glCreateProgram();
    glAttachShader(id_, v);
    glAttachShader(id_, f);
    glLinkProgram(id_);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (!ok) {
        const std::string log = info_log(id_, glGetProgramiv, glGetProgramInfoLog);
        glDeleteProgram(id_);
        id_ = 0;
        throw std::runtime_error(std::string("shader program '") + name + "' does not link: " + log);
    }
}

ShaderProgram::~ShaderProgram() {
    if (id_) glDeleteProgram(id_);
}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& o) noexcept {
    if (this != &o) {
        if (id_) glDeleteProgram(id_);
        id_ = o.id_;
        o.id_ = 0;
    }
    return *this;
}

}  // namespace pc::gui
